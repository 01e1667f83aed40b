import { addAddr, addLink, createNs, deleteNs, linkByName, moveLink, setMaster } from '../../../kernel/netns';
import { addVxlan, ESP_OVERHEAD, VXLAN_OVERHEAD } from '../../../kernel/links/vxlan';
import type { NetNs } from '../../../kernel/types';
import { parseCidr } from '../../../util/ipv4';
import { randomMac } from '../../../util/rng';
import { hostNs, type DockerCtx } from '../../context';
import type { NetworkRec } from '../../types';
import { nextHostIfindex, sandboxNsId } from '../plumbing';

/**
 * An overlay network on one host (libnetwork drivers/overlay/ov_network.go): a namespace of its
 * own, /var/run/docker/netns/1-<netid[:10]>, holding the bridge `br0` with the gateway address
 * and `vxlan0`. The VXLAN device is created in the host's namespace as `vx-<vni, 6 hex>-<netid[:5]>`
 * and moved in, so its UDP socket stays in the host: the tunnel's packets walk the host's routes,
 * iptables and NIC. Containers plug into br0 through veth pairs (endpoint.ts).
 */

export const VNI_OPTION = 'com.docker.network.driver.overlay.vxlanid_list';
const MTU_OPTION = 'com.docker.network.driver.mtu';

export function overlayNsKey(netId: string): string {
  return `1-${netId.slice(0, 10)}`;
}

export function overlayNs(ctx: DockerCtx, net: NetworkRec): NetNs | undefined {
  return ctx.world.netns[sandboxNsId(ctx.host.name, overlayNsKey(net.id))];
}

export function vniOf(net: NetworkRec): number {
  return Number((net.options[VNI_OPTION] ?? '').split(',')[0]) || 0;
}

export function isEncrypted(net: NetworkRec): boolean {
  return Object.hasOwn(net.options, 'encrypted');
}

/** 1500 (or the mtu option) less the VXLAN header, less ESP and alignment when encrypted (encryption.go maxMTU). */
export function overlayMtu(net: NetworkRec): number {
  const raw = Number(net.options[MTU_OPTION]);
  let mtu = Number.isInteger(raw) && raw > 0 ? raw : 1500;
  mtu -= VXLAN_OVERHEAD;
  if (isEncrypted(net)) {
    mtu -= ESP_OVERHEAD;
    mtu -= mtu % 4;
  }
  return mtu;
}

/** The swarm's data path port (`--data-path-port`, 4789 by default). */
function dataPort(ctx: DockerCtx): number {
  const m = ctx.host.docker.swarm;
  const cluster = m && ctx.world.swarms && Object.hasOwn(ctx.world.swarms, m.clusterId) ? ctx.world.swarms[m.clusterId] : undefined;
  return cluster?.dataPathPort ?? 4789;
}

export function createOverlaySandbox(ctx: DockerCtx, net: NetworkRec): NetNs {
  const existing = overlayNs(ctx, net);
  if (existing) return existing;
  const host = hostNs(ctx);
  const ns = createNs(ctx.world, sandboxNsId(ctx.host.name, overlayNsKey(net.id)), 'container', host.hostname);
  const mtu = overlayMtu(net);
  const br = addLink(ctx.world, ns, { name: 'br0', kind: 'bridge', mac: randomMac(ctx.world.rng), mtu, ifindex: nextHostIfindex(ctx) });
  br.up = true;
  const cfg = net.ipam[0];
  const subnet = cfg && parseCidr(cfg.Subnet);
  if (cfg?.Gateway && subnet) addAddr(ctx.world, ns, br, { ip: cfg.Gateway, prefix: subnet.prefix, scope: 'global' });
  const vni = vniOf(net);
  // Docker's vxlan: learning, proxy ARP from the neighbour table, l2miss/l3miss (ov_utils.go createVxlan).
  const vx = addVxlan(ctx.world, host, {
    name: `vx-${vni.toString(16).padStart(6, '0')}-${net.id.slice(0, 5)}`,
    mac: randomMac(ctx.world.rng),
    vni,
    dstport: dataPort(ctx),
    learning: true,
    proxy: true,
    l2miss: true,
    l3miss: true,
    encrypted: isEncrypted(net),
    mtu,
    ifindex: nextHostIfindex(ctx),
  });
  moveLink(ctx.world, host, vx, ns, 'vxlan0');
  setMaster(ctx.world, ns, vx, br);
  vx.up = true;
  return ns;
}

export function deleteOverlaySandbox(ctx: DockerCtx, net: NetworkRec): void {
  const ns = overlayNs(ctx, net);
  if (ns) deleteNs(ctx.world, ns.id);
}

/** The sandbox's next bridge port name: veth0, veth1… (osl numbers interfaces per prefix). */
export function nextPortName(ns: NetNs): string {
  let n = 0;
  for (const l of ns.links) {
    const m = /^veth(\d+)$/.exec(l.name);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return `veth${n}`;
}

export function bridgeOf(ns: NetNs) {
  return linkByName(ns, 'br0');
}
