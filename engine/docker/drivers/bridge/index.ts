import { linkByName } from '../../../kernel/netns';
import { hostNs, type DockerCtx } from '../../context';
import type { NetworkRec } from '../../types';
import { matchesCidr } from '../../../util/ipv4';
import type { NetworkDriver } from '../driver';
import { ensureBridgeDevice, removeBridgeDevice } from './device';
import { joinBridge, leaveBridge } from './endpoint';
import { bridgeFirewall } from './firewall';

/**
 * checkConflict (moby@v28.5.2 libnetwork/drivers/bridge/bridge_linux.go, Conflicts): a bridge
 * whose gateway lies in another bridge's subnet, or the other way round. IPAM's overlap check
 * usually refuses these first; --ip-range skips it.
 */
function conflicting(ctx: DockerCtx, net: NetworkRec): NetworkRec | undefined {
  const mine = net.ipam[0];
  if (!mine?.Gateway) return undefined;
  return Object.values(ctx.host.docker.networks).find((o) => {
    const theirs = o.ipam[0];
    if (o === net || o.driver !== 'bridge' || !theirs?.Gateway) return false;
    return matchesCidr(theirs.Gateway, mine.Subnet) || matchesCidr(mine.Gateway!, theirs.Subnet);
  });
}

/** bridge: a Linux bridge per network, a veth per container, NAT and isolation in iptables. */
export const bridgeDriver: NetworkDriver = {
  name: 'bridge',
  scope: 'local',
  singleton: false,
  ipam: true,
  publishesPorts: true,
  embeddedDns: true,
  defaultGateway: (_net, firstHost) => firstHost,
  createNetwork(ctx, net) {
    net.device ??= net.options['com.docker.network.bridge.name'] ?? `br-${net.id.slice(0, 12)}`;
    if (!net.predefined && linkByName(hostNs(ctx), net.device)) return `bridge ${net.device} already exists`;
    const clash = conflicting(ctx, net);
    if (clash) return `cannot create network ${net.id} (${net.device}): conflicts with network ${clash.id} (${clash.device}): networks have overlapping IPv4`;
    // icc=false is enforced on bridged traffic, which only meets iptables once br_netfilter is on
    // (libnetwork/drivers/bridge/bridge_linux.go, enableBrNfCallIptables); it stays on after.
    if (net.options['com.docker.network.bridge.enable_icc'] === 'false') hostNs(ctx).bridgeNfCall = true;
    ensureBridgeDevice(ctx, net);
    return null;
  },
  deleteNetwork: removeBridgeDevice,
  join: joinBridge,
  leave: (ctx, c, ep) => leaveBridge(ctx, c, ep),
  firewall: bridgeFirewall,
};
