import { addAddr, addLink, deleteLink, linkByName } from '../../../kernel/netns';
import type { Link } from '../../../kernel/types';
import { parseCidr } from '../../../util/ipv4';
import { randomMac } from '../../../util/rng';
import { hostNs, type DockerCtx } from '../../context';
import type { NetworkRec } from '../../types';
import { nextHostIfindex } from '../plumbing';

export const DEFAULT_MTU = 1500;

/** The network's `com.docker.network.driver.mtu`, or Ethernet's 1500. */
export function mtuOf(net: NetworkRec): number {
  const raw = net.options['com.docker.network.driver.mtu'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MTU;
}

/** The Linux bridge carrying the network (docker0, br-<id>), created with its gateway address. */
export function ensureBridgeDevice(ctx: DockerCtx, net: NetworkRec): Link {
  const ns = hostNs(ctx);
  const existing = linkByName(ns, net.device!);
  if (existing) return existing;
  const br = addLink(ctx.world, ns, {
    name: net.device!,
    kind: 'bridge',
    mac: randomMac(ctx.world.rng),
    ifindex: nextHostIfindex(ctx),
    // "Always set the bridge's MTU if specified" (moby v28.5.2 libnetwork/drivers/bridge/bridge_linux.go setupMTU).
    mtu: mtuOf(net),
  });
  br.up = true;
  const cfg = net.ipam[0];
  const subnet = cfg && parseCidr(cfg.Subnet);
  if (cfg?.Gateway && subnet) addAddr(ctx.world, ns, br, { ip: cfg.Gateway, prefix: subnet.prefix, scope: 'global' });
  return br;
}

export function removeBridgeDevice(ctx: DockerCtx, net: NetworkRec): void {
  const ns = hostNs(ctx);
  const br = net.device ? linkByName(ns, net.device) : undefined;
  if (br) deleteLink(ctx.world, ns, br);
}
