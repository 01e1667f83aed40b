import { isLocal } from './addr-index';
import { BUILTIN_CHAINS, NfVerdict, runHook } from './netfilter';
import type { Chain, Link, NetNs, Netfilter, Rule, TableName } from './types';
import type { Pkt } from './walk-types';
import type { NetWorld } from './world';
import { globalAddr } from './link-addr';

/** The walk's side of netfilter: running one table at one hook, and NAT with its conntrack undo. */

/** A built-in chain of a table: where the walk stops to ask netfilter. */
export interface HookPoint {
  table: TableName;
  chain: string;
  /** Position among the table's built-in chains (where emptyTable and the daemon put it). */
  pos: number;
}

function point(table: TableName, chain: string): HookPoint {
  return { table, chain, pos: BUILTIN_CHAINS[table].indexOf(chain) };
}

export const RAW_PRE = point('raw', 'PREROUTING');
export const RAW_OUT = point('raw', 'OUTPUT');
export const MANGLE_PRE = point('mangle', 'PREROUTING');
export const MANGLE_IN = point('mangle', 'INPUT');
export const MANGLE_FWD = point('mangle', 'FORWARD');
export const MANGLE_OUT = point('mangle', 'OUTPUT');
export const MANGLE_POST = point('mangle', 'POSTROUTING');
export const NAT_PRE = point('nat', 'PREROUTING');
export const NAT_OUT = point('nat', 'OUTPUT');
export const NAT_POST = point('nat', 'POSTROUTING');
export const FILTER_IN = point('filter', 'INPUT');
export const FILTER_FWD = point('filter', 'FORWARD');
export const FILTER_OUT = point('filter', 'OUTPUT');

function chainsOf(nf: Netfilter, table: TableName): Chain[] | undefined {
  switch (table) {
    case 'filter':
      return nf.filter;
    case 'nat':
      return nf.nat;
    case 'raw':
      return nf.raw;
    case 'mangle':
      return nf.mangle;
  }
}

/**
 * Runs one hook's chain for the packet as it is in `ns`, counting as it goes. Returns the verdict
 * when a rule decided or the policy dropped; null when the policy accepted. A chain with no rules
 * (most of them, in most namespaces) costs two counter increments.
 */
export function hook(world: NetWorld, ns: NetNs, at: HookPoint, p: Pkt, inIf: string | null, outIf: string | null): NfVerdict | null {
  const chains = chainsOf(ns.nf, at.table);
  if (chains === undefined) return null;
  let chain: Chain | undefined = chains[at.pos];
  if (chain === undefined || chain.name !== at.chain) chain = chains.find((c) => c.name === at.chain);
  if (chain === undefined) return null;
  if (chain.rules.length === 0) {
    if (p.count) {
      chain.pkts = (chain.pkts ?? 0) + 1;
      chain.bytes = (chain.bytes ?? 0) + p.len;
    }
    return chain.policy === 'DROP' ? new NfVerdict('DROP', at.table, at.chain, at.chain, null, 0) : null;
  }
  p.inIf = inIf;
  p.outIf = outIf;
  p.ctstate = p.reply ? 'ESTABLISHED' : 'NEW';
  p.dstLocal = dstIsLocal(world, ns, p);
  p.srcLocal = p.src !== '' && isLocal(world, ns, p.src);
  return runHook(chains, at.table, at.chain, p);
}

/** Whether the packet's destination is an address of `ns`, remembered until either changes. */
export function dstIsLocal(world: NetWorld, ns: NetNs, p: Pkt): boolean {
  if (p.localNs !== ns || p.localIp !== p.dst) {
    p.dstLocal = isLocal(world, ns, p.dst);
    p.localNs = ns;
    p.localIp = p.dst;
  }
  return p.dstLocal;
}

export function applyNat(ns: NetNs, p: Pkt, rule: Rule, outLink: Link | null, inLink: Link | null): void {
  if (rule.target === 'DNAT' && rule.toDestination) {
    const [ip, port] = rule.toDestination.split(':');
    p.nat.push({ ns: ns.id, kind: 'dnat', from: p.dst, to: ip!, fromPort: p.dport, toPort: port ? Number(port) : p.dport });
    p.dst = ip!;
    if (port) p.dport = Number(port);
  } else if (rule.target === 'REDIRECT') {
    // To the primary address of the incoming interface (127.0.0.1 for locally generated packets).
    const ip = inLink ? (globalAddr(inLink)?.ip ?? inLink.addrs[0]?.ip ?? p.dst) : '127.0.0.1';
    const port = rule.toPorts ?? p.dport;
    p.nat.push({ ns: ns.id, kind: 'dnat', from: p.dst, to: ip, fromPort: p.dport, toPort: port });
    p.dst = ip;
    p.dport = port;
  } else if (rule.target === 'SNAT' && rule.toSource) {
    const ip = rule.toSource.split(':')[0]!;
    p.nat.push({ ns: ns.id, kind: 'snat', from: p.src, to: ip, fromPort: null, toPort: null });
    p.src = ip;
  } else if (rule.target === 'MASQUERADE' && outLink) {
    const a = globalAddr(outLink);
    if (a) {
      p.nat.push({ ns: ns.id, kind: 'snat', from: p.src, to: a.ip, fromPort: null, toPort: null });
      p.src = a.ip;
    }
  }
}

/** Conntrack for replies: undo the translations this namespace made on the way out. */
export function unNat(ns: NetNs, p: Pkt): void {
  unSnat(ns, p);
  unDnat(ns, p);
}

/** A reply's destination back to the original source (undoing SNAT/MASQUERADE): before routing. */
export function unSnat(ns: NetNs, p: Pkt): void {
  for (const e of p.nat) if (e.ns === ns.id && e.kind === 'snat' && p.dst === e.to) p.dst = e.from;
}

/**
 * A reply's source back to the address the client asked for (undoing DNAT/REDIRECT). For a reply
 * the namespace sends itself, the kernel does this at POSTROUTING, so OUTPUT still sees the
 * server's own address and port (Docker's `--sport <target port>` rules in a task rely on it).
 */
export function unDnat(ns: NetNs, p: Pkt): void {
  for (const e of p.nat) {
    if (e.ns !== ns.id || e.kind !== 'dnat' || p.src !== e.to) continue;
    p.src = e.from;
    if (e.fromPort !== null && p.sport === e.toPort) p.sport = e.fromPort;
  }
}
