import { addAddr, addLink, deleteLink, linkByName } from '../../kernel/netns';
import { addVlan, realLower, stackError, topology } from '../../kernel/links';
import type { Link, NetNs } from '../../kernel/types';
import { randomMac } from '../../util/rng';
import { hostNs, type DockerCtx } from '../context';
import type { ContainerRec, LiveEndpoint, NetworkRec } from '../types';
import type { JoinPlan, Plumbed } from './driver';
import { nextHostIfindex, nextIfname } from './plumbing';

/**
 * The parent interface of a macvlan or ipvlan network, as both of libnetwork's drivers handle it
 * (moby@v28.5.2 libnetwork/drivers/macvlan/macvlan_setup.go, ipvlan/ipvlan_setup.go, the same
 * code twice): an existing device, an 802.1q sub-interface NAME.VID the driver creates (up, no
 * address), or with no `-o parent` a dummy named after the network (`dm-`/`di-` + 12 hex). The
 * children are created on it at join and moved into the container as ethN.
 */

export type LanKind = 'macvlan' | 'ipvlan';

/** getDummyName: the driver's prefix and the network id's first 12 characters. */
export function dummyName(kind: LanKind, netId: string): string {
  return `${kind === 'macvlan' ? 'dm-' : 'di-'}${netId.slice(0, 12)}`;
}

/** strconv.Atoi: an optional sign and decimal digits. */
function atoi(s: string): number | null {
  return /^[+-]?\d{1,18}$/.test(s) ? Number(s) : null;
}

/** parseVlan: "eth0.10" -> eth0 and 10, or Docker's error. */
function parseVlan(host: NetNs, name: string): { base: Link; vid: number } | string {
  const parts = name.split('.');
  if (parts.length !== 2) return `required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead received ${name}`;
  const vid = atoi(parts[1]!);
  if (vid === null) return `unable to parse a valid vlan id from: ${parts[1]} (ex. eth0.10 for vlan 10)`;
  const base = linkByName(host, parts[0]!);
  if (!base) return `-o parent interface was not found on the host: ${parts[0]}`;
  return { base, vid };
}

/**
 * createNetwork's parent half: nothing to do for an existing device; otherwise the network's
 * dummy, or the VLAN sub-interface (createVlanLink). Returns Docker's error text, or null.
 */
export function makeParent(ctx: DockerCtx, kind: LanKind, net: NetworkRec): string | null {
  const host = hostNs(ctx);
  const parent = net.device!;
  if (linkByName(host, parent)) return null;
  if (parent === dummyName(kind, net.id)) {
    const dummy = addLink(ctx.world, host, { name: parent, kind: 'dummy', mac: randomMac(ctx.world.rng) });
    dummy.up = true;
    net.createdParent = true;
    return null;
  }
  if (!parent.includes('.')) return `invalid subinterface vlan name ${parent}, example formatting is eth0.10`;
  const parsed = parseVlan(host, parent);
  if (typeof parsed === 'string') return parsed;
  const { base, vid } = parsed;
  if (vid > 4094 || vid < 1) return `vlan id must be between 1-4094, received: ${vid}`;
  // The kernel keeps one sub-interface per VLAN id on a device, whatever its name.
  if (topology(ctx.world).uppers.get(base)?.vlans.has(vid)) return `failed to create ${parent} vlan link: file exists`;
  if (parent.length > 15) return `failed to create ${parent} vlan link: numerical result out of range`;
  const sub = addVlan(ctx.world, host, base, vid, parent, nextHostIfindex(ctx));
  sub.up = true;
  net.createdParent = true;
  return null;
}

/** DeleteNetwork's parent half: only a dummy named for the network, or a NAME.VID sub-interface, is deleted. */
export function dropParent(ctx: DockerCtx, kind: LanKind, net: NetworkRec): void {
  const host = hostNs(ctx);
  const parent = net.device;
  const link = parent ? linkByName(host, parent) : undefined;
  if (!link || !net.createdParent) return;
  if (parent === dummyName(kind, net.id)) {
    if (link.lower === null) deleteLink(ctx.world, host, link);
    return;
  }
  if (parent!.includes('.') && typeof parseVlan(host, parent!) !== 'string' && link.lower !== null) deleteLink(ctx.world, host, link);
}

/** The other networks of a driver on this host. */
export function networksOf(ctx: DockerCtx, kind: LanKind, except: NetworkRec): NetworkRec[] {
  return Object.values(ctx.host.docker.networks).filter((n) => n.driver === kind && n !== except);
}

/**
 * Join: the child on the parent (createMacVlan / createIPVlan), named ethN in the container,
 * numbered from the host's ifindex counter as it is made in the host and moved. `make` creates
 * the kernel device; Docker's errors wrap the kernel's.
 */
export function joinChild(
  ctx: DockerCtx,
  kind: LanKind,
  ns: NetNs,
  plan: JoinPlan,
  make: (lower: { ns: NetNs; link: Link }, spec: { name: string; ifindex: number }) => Link,
  macvlanMode?: string,
): Plumbed | string {
  const host = hostNs(ctx);
  const parent = plan.net.device ?? '';
  const found = linkByName(host, parent);
  if (!found) return `the requested parent interface ${parent} was not found on the Docker host`;
  const lower = realLower(ctx.world, host, found, kind);
  const errno = stackError(ctx.world, lower.link, kind, macvlanMode);
  if (errno) return `failed to create the ${kind} port: ${errno === 'EBUSY' ? 'device or resource busy' : 'invalid argument'}`;
  const ifname = nextIfname(ns);
  const child = make(lower, { name: ifname, ifindex: nextHostIfindex(ctx) });
  child.up = true;
  if (plan.ip) addAddr(ctx.world, ns, child, { ip: plan.ip, prefix: plan.prefix, scope: 'global' });
  return { ip: plan.ip, prefix: plan.prefix, gateway: plan.gateway, mac: child.mac, ifname, hostVeth: null };
}

/** Leave / DeleteEndpoint: the child goes with the endpoint. */
export function leaveChild(ctx: DockerCtx, c: ContainerRec, ep: LiveEndpoint): void {
  const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
  const child = ns && linkByName(ns, ep.ifname);
  if (ns && child && c.nsId!.startsWith('ctr:')) deleteLink(ctx.world, ns, child);
}

/** A driver option as given with `-o KEY=VALUE` (own keys only: they were typed by a user). */
export function opt(options: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(options, key) ? options[key] : undefined;
}

/**
 * parseNetworkOptions' internal rule: with no parent (a dummy) the network is internal for the
 * driver even though libnetwork's record says otherwise, so it gets no gateway and no default route.
 */
export function internalLike(net: NetworkRec | { internal: boolean; options: Record<string, string> }): boolean {
  return net.internal || !opt(net.options, 'parent');
}
