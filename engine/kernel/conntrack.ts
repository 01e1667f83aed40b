import type { NetNs, Proto } from './types';
import type { CtEntry, CtStart, Pkt } from './walk-types';
import type { NetWorld } from './world';

/**
 * The connection tracking table of a Docker host's namespace, as `conntrack -L` lists it: one
 * entry per flow a walk really made there, with its original tuple (as the packet entered the
 * namespace) and its reply tuple (the packet as it left, after DNAT/SNAT, reversed), counting down
 * on lab time. Only host namespaces track (the flows to and from containers and published ports
 * cross them); a walk through a container's namespace costs one comparison.
 *
 * The table is runtime state kept beside the namespace (a WeakMap), not in the snapshot: a
 * restored lab starts with an empty table, as a rebooted host would, and the checker's probes on a
 * copy of the world never touch the learner's table.
 *
 * Timeouts are the kernel's defaults (nf_conntrack_proto_{icmp,udp,tcp}.c): icmp 30 s; udp 30 s,
 * 120 s and ASSURED once the flow has seen a reply and is still active 2 s after it began
 * (nf_conntrack_udp_packet's stream_ts); tcp SYN_SENT 120 s until answered. The lab's TCP
 * connections are one request and one answer, so an answered one is shown as it ends: TIME_WAIT
 * 120 s, ASSURED; refused (RST) it is CLOSE 10 s.
 */

export type { CtEntry, CtStart, CtTuple, TcpCtState } from './walk-types';

/** nf_conntrack_max on a small host is larger; past this the oldest entries give way. */
export const CT_MAX = 65_536;

const S = 1000;
const TIMEOUT = { icmp: 30 * S, udp: 30 * S, udpStream: 120 * S, synSent: 120 * S, timeWait: 120 * S, close: 10 * S, generic: 600 * S };

const tables = new WeakMap<NetNs, Map<string, CtEntry>>();

function tableOf(ns: NetNs): Map<string, CtEntry> {
  let t = tables.get(ns);
  if (!t) tables.set(ns, (t = new Map()));
  return t;
}

function now(world: NetWorld): number {
  return world.clock ?? 0;
}

/** A packet that begins a flow enters a tracking namespace (PREROUTING or LOCAL_OUT). */
export function ctBegin(ns: NetNs, p: Pkt): void {
  if (ns.kind !== 'host' || p.reply || !p.count) return;
  p.ctStart = { ns, src: p.src, dst: p.dst, sport: p.sport ?? null, dport: p.dport };
}

function keyOf(proto: Proto, s: CtStart, icmpId: number): string {
  return proto === 'icmp' ? `icmp ${s.src} ${s.dst} ${icmpId}` : `${proto} ${s.src} ${s.dst} ${s.sport} ${s.dport}`;
}

/** The packet leaves the namespace (POSTROUTING) or is delivered in it: the entry is confirmed. */
export function ctConfirm(world: NetWorld, ns: NetNs, p: Pkt): void {
  const s = p.ctStart;
  if (!s || s.ns !== ns) return;
  p.ctStart = null;
  const t = tableOf(ns);
  const at = now(world);
  const icmpId = p.icmpId ?? 0;
  const key = keyOf(p.proto, s, icmpId);
  let e = t.get(key);
  if (e && (e.expires <= at || p.proto === 'tcp')) {
    // An expired flow, or a new SYN on a tuple in TIME_WAIT: a new connection.
    t.delete(key);
    e = undefined;
  }
  if (e) {
    refresh(e, at, false);
  } else {
    if (t.size >= CT_MAX) t.delete(t.keys().next().value!);
    e = {
      proto: p.proto,
      orig: { src: s.src, dst: s.dst, sport: s.sport, dport: s.dport },
      reply: { src: p.dst, dst: p.src, sport: p.dport, dport: p.sport ?? null },
      icmpId,
      created: at,
      expires: at,
      replied: false,
      assured: false,
      state: p.proto === 'tcp' ? 'SYN_SENT' : null,
    };
    refresh(e, at, false);
    t.set(key, e);
  }
  (p.ct ??= []).push(e);
}

function refresh(e: CtEntry, at: number, reply: boolean): void {
  if (reply) e.replied = true;
  switch (e.proto) {
    case 'icmp':
      e.expires = at + TIMEOUT.icmp;
      return;
    case 'udp':
      if (e.replied && at > e.created + 2 * S) e.assured = true;
      e.expires = at + (e.assured ? TIMEOUT.udpStream : TIMEOUT.udp);
      return;
    case 'tcp':
      if (e.replied && e.state === 'SYN_SENT') {
        e.state = 'TIME_WAIT';
        e.assured = true;
      }
      e.expires = at + (e.state === 'TIME_WAIT' ? TIMEOUT.timeWait : e.state === 'CLOSE' ? TIMEOUT.close : TIMEOUT.synSent);
      return;
    default:
      e.expires = at + TIMEOUT.generic;
  }
}

/** The answer to a tracked packet made it back: each entry the request created has seen its reply. */
export function ctReplied(world: NetWorld, entries: readonly CtEntry[] | undefined): void {
  if (!entries) return;
  for (const e of entries) refresh(e, now(world), true);
}

/** A TCP connection was refused: the RST closes its entries (CLOSE, 10 s, never ASSURED). */
export function ctReset(world: NetWorld, entries: readonly CtEntry[] | undefined): void {
  if (!entries) return;
  for (const e of entries) {
    if (e.proto !== 'tcp') continue;
    e.replied = true;
    e.assured = false;
    e.state = 'CLOSE';
    e.expires = now(world) + TIMEOUT.close;
  }
}

/** Seconds left, as the kernel reports them (rounded down). */
export function ctTimeLeft(world: NetWorld, e: CtEntry): number {
  return Math.max(0, Math.floor((e.expires - now(world)) / S));
}

/** The live entries of a namespace, oldest first; expired ones are dropped on the way. */
export function ctEntries(world: NetWorld, ns: NetNs): CtEntry[] {
  const t = tables.get(ns);
  if (!t) return [];
  const at = now(world);
  const out: CtEntry[] = [];
  for (const [k, e] of t) {
    if (e.expires <= at) t.delete(k);
    else out.push(e);
  }
  return out;
}

/** `conntrack -D`: removes the given entries. */
export function ctDelete(ns: NetNs, gone: ReadonlySet<CtEntry>): void {
  const t = tables.get(ns);
  if (!t) return;
  for (const [k, e] of t) if (gone.has(e)) t.delete(k);
}

/** `conntrack -F`. */
export function ctFlush(ns: NetNs): void {
  tables.get(ns)?.clear();
}
