import { linkByName } from '../../../kernel/netns';
import { hostNs } from '../../context';
import type { NetworkDriver } from '../driver';
import { ensureBridgeDevice, removeBridgeDevice } from './device';
import { joinBridge, leaveBridge } from './endpoint';
import { bridgeFirewall } from './firewall';

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
