import { addAddr, addVethPair, deleteLink, linkByName, setMaster } from '../../../kernel/netns';
import type { Link, NetNs } from '../../../kernel/types';
import { randomMac } from '../../../util/rng';
import { hostNs, type DockerCtx } from '../../context';
import type { NetworkRec } from '../../types';
import { macFromIp, nextIfname } from '../plumbing';
import { bridgeOf, createOverlaySandbox, nextPortName, overlayMtu } from './sandbox';

/**
 * An overlay endpoint (libnetwork drivers/overlay/joinleave.go Join): a veth pair whose sandbox
 * end (vethN) is a port of br0 in the network's namespace and whose other end becomes ethN in the
 * container (or in a load-balancer sandbox), both at the overlay MTU, the MAC 02:42 + the address.
 */
export function plumbOverlay(ctx: DockerCtx, net: NetworkRec, ns: NetNs, ip: string, prefix: number): { link: Link; mac: string; ifname: string } {
  const ov = createOverlaySandbox(ctx, net);
  const br = bridgeOf(ov)!;
  const host = hostNs(ctx);
  const inner = host.nextIfindex;
  const outer = inner + 1;
  host.nextIfindex = outer + 1;
  const mtu = overlayMtu(net);
  const ifname = nextIfname(ns);
  const mac = macFromIp(ip);
  const [link, port] = addVethPair(
    ctx.world,
    ns,
    { name: ifname, mac, ifindex: inner, mtu },
    ov,
    { name: nextPortName(ov), mac: randomMac(ctx.world.rng), ifindex: outer, mtu },
  );
  port.up = true;
  link.up = true;
  setMaster(ctx.world, ov, port, br);
  addAddr(ctx.world, ns, link, { ip, prefix, scope: 'global' });
  return { link, mac, ifname };
}

/** Removes the endpoint's interface from `ns`; its veth peer on br0 goes with it. */
export function unplumbOverlay(ctx: DockerCtx, ns: NetNs | undefined, ifname: string): void {
  const link = ns && linkByName(ns, ifname);
  if (ns && link) deleteLink(ctx.world, ns, link);
}
