import { addAddr, addVethPair, deleteLink, linkByName, setMaster } from '../../../kernel/netns';
import type { NetNs } from '../../../kernel/types';
import { randomHex, randomMac } from '../../../util/rng';
import { hostNs, type DockerCtx } from '../../context';
import type { ContainerRec, LiveEndpoint } from '../../types';
import type { JoinPlan, Plumbed } from '../driver';
import { nextIfname } from '../plumbing';
import { ensureBridgeDevice, mtuOf } from './device';

/**
 * A bridge endpoint: a veth pair, the host end (veth<7 hex>) enslaved to the bridge, the
 * container end named ethN with the address IPAM chose. Both ends are numbered from the host
 * kernel's ifindex counter, which is why the container's eth0 reads `eth0@ifN`.
 */
export function joinBridge(ctx: DockerCtx, _c: ContainerRec | null, ns: NetNs, plan: JoinPlan): Plumbed {
  const br = ensureBridgeDevice(ctx, plan.net);
  const host = hostNs(ctx);
  const ctrIfindex = host.nextIfindex;
  const hostEnd = ctrIfindex + 1;
  host.nextIfindex = hostEnd + 1;
  const ifname = nextIfname(ns);
  const vethName = `veth${randomHex(ctx.world.rng, 7)}`;
  const mac = plan.mac ?? randomMac(ctx.world.rng);
  const mtu = mtuOf(plan.net);
  const [inner, outer] = addVethPair(
    ctx.world,
    ns,
    { name: ifname, mac, ifindex: ctrIfindex, mtu },
    host,
    // The driver sets the MTU on both ends (bridge_linux.go CreateEndpoint, "failed to set MTU on host interface").
    { name: vethName, mac: randomMac(ctx.world.rng), ifindex: hostEnd, mtu },
  );
  outer.up = true;
  inner.up = true;
  setMaster(ctx.world, host, outer, br);
  if (plan.ip) addAddr(ctx.world, ns, inner, { ip: plan.ip, prefix: plan.prefix, scope: 'global' });
  return { ip: plan.ip, prefix: plan.prefix, gateway: plan.gateway, mac, ifname, hostVeth: vethName };
}

export function leaveBridge(ctx: DockerCtx, c: ContainerRec, ep: LiveEndpoint): void {
  const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
  const inner = ns && linkByName(ns, ep.ifname);
  if (ns && inner && c.nsId!.startsWith('ctr:')) deleteLink(ctx.world, ns, inner);
  if (ep.hostVeth) {
    const h = linkByName(hostNs(ctx), ep.hostVeth);
    if (h) deleteLink(ctx.world, hostNs(ctx), h);
  }
}
