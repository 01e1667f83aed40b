import { ipToInt, maskOf, matchesCidr, parseCidr } from '../util/ipv4';
import type { Chain, Netfilter, Proto, Rule, RuleMatch, TableName } from './types';

/** The built-in chains of each table, in the order iptables lists them. */
export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
};

export const TABLES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter'];

export function emptyTable(t: TableName): Chain[] {
  return BUILTIN_CHAINS[t].map((name) => ({ name, policy: 'ACCEPT' as const, rules: [] }));
}

export function emptyNetfilter(): Netfilter {
  return { filter: emptyTable('filter'), nat: emptyTable('nat'), raw: emptyTable('raw'), mangle: emptyTable('mangle') };
}

/** A table's chains; mangle is created on first use in namespaces saved before it existed. */
export function tableOf(nf: Netfilter, table: TableName): Chain[] {
  if (table === 'mangle') return (nf.mangle ??= emptyTable('mangle'));
  return nf[table];
}

/**
 * What a packet looks like to netfilter at one hook. The walk's packet is this object itself
 * (its hook fields are set before each hook), so a MARK target marks the packet that walks on.
 */
export interface NfPacket {
  src: string;
  dst: string;
  proto: Proto;
  dport: number | null;
  inIf: string | null;
  outIf: string | null;
  ctstate: 'NEW' | 'ESTABLISHED';
  /** Whether dst is an address of this namespace (for `-m addrtype --dst-type LOCAL`). */
  dstLocal: boolean;
  mark: number;
  /** Scheduled by IPVS (`-m ipvs --ipvs`). */
  ipvs: boolean;
  /** IP total length, for byte counters. */
  len: number;
  /** Counters move (false while the walk only probes whether a path exists). */
  count: boolean;
}

/** The rule (or chain policy) that decided a packet's fate at one hook. */
export class NfVerdict {
  constructor(
    readonly verdict: 'ACCEPT' | 'DROP',
    readonly table: TableName,
    readonly hook: string,
    /** Chain of the deciding rule; the hook itself for a policy. */
    readonly chain: string,
    /** The deciding rule, null for the chain policy. */
    readonly rule: Rule | null,
    /** 1-based position of the rule in its chain (what `iptables -L --line-numbers` shows); 0 for the policy. */
    readonly index: number,
  ) {}

  /** The NAT rule that fired (DNAT, SNAT, MASQUERADE, REDIRECT), if any. */
  get nat(): Rule | null {
    const t = this.rule?.target;
    return t === 'DNAT' || t === 'SNAT' || t === 'MASQUERADE' || t === 'REDIRECT' ? this.rule : null;
  }

  /** In words, for explanations: "DOCKER-ISOLATION-STAGE-2 DROP", "FORWARD policy DROP". */
  get decidedBy(): string {
    return this.rule ? `${this.chain} ${this.rule.target}` : `${this.hook} policy ${this.verdict}`;
  }
}

function ifMatches(pattern: string, name: string | null): boolean {
  if (name === null) return false;
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

export function ruleMatches(m: RuleMatch, p: NfPacket): boolean {
  // Cheap comparisons first: a lab with many containers has long chains of per-address rules.
  if (m.proto !== undefined && m.proto !== p.proto) return false;
  if (m.dport !== undefined && m.dport !== p.dport) return false;
  if (m.in !== undefined && ifMatches(m.in, p.inIf) === !!m.notIn) return false;
  if (m.out !== undefined && ifMatches(m.out, p.outIf) === !!m.notOut) return false;
  if (m.dstTypeLocal && !p.dstLocal) return false;
  if (m.ctstate !== undefined && !m.ctstate.includes(p.ctstate)) return false;
  if (m.mark !== undefined && m.mark !== p.mark) return false;
  if (m.ipvs && !p.ipvs) return false;
  if (m.src !== undefined && matchesCidr(p.src, m.src) === !!m.notSrc) return false;
  if (m.dst !== undefined && matchesCidr(p.dst, m.dst) === !!m.notDst) return false;
  return true;
}

const chainIndex = new WeakMap<Chain[], Map<string, Chain>>();

function chainsByName(chains: Chain[]): Map<string, Chain> {
  let m = chainIndex.get(chains);
  if (!m || m.size !== chains.length) {
    m = new Map(chains.map((c) => [c.name, c]));
    chainIndex.set(chains, m);
  }
  return m;
}

/**
 * A chain prepared for fast evaluation: rules that match one exact destination address (Docker's
 * per-container rules) are indexed by that address, so a packet only looks at its own. Order is
 * kept: candidates are merged back by rule position. Rule lists are never edited in place, so
 * the list itself is the cache key.
 */
interface CompiledChain {
  generic: number[];
  byDst: Map<string, number[]>;
  /** Each rule's -s/-d as numbers (net, mask), so matching is two integer compares. */
  cidrs: CidrMatch[];
}

interface CidrMatch {
  srcNet: number;
  srcMask: number;
  dstNet: number;
  dstMask: number;
  /** A malformed address in the rule: it never matches (iptables would have refused it). */
  bad: boolean;
}

function cidrNum(text: string | undefined): { net: number; mask: number } | null | undefined {
  if (text === undefined) return undefined;
  const c = parseCidr(text.includes('/') ? text : `${text}/32`);
  if (!c) return null;
  const mask = maskOf(c.prefix);
  return { net: (ipToInt(c.ip) & mask) >>> 0, mask };
}

function cidrMatchOf(m: RuleMatch): CidrMatch {
  const s = cidrNum(m.src);
  const d = cidrNum(m.dst);
  return { srcNet: s?.net ?? 0, srcMask: s?.mask ?? 0, dstNet: d?.net ?? 0, dstMask: d?.mask ?? 0, bad: s === null || d === null };
}

/** ruleMatches with the addresses precompiled; `src`/`dst` are the packet's as numbers. */
function fastMatch(m: RuleMatch, c: CidrMatch, p: NfPacket, src: number, dst: number): boolean {
  if (m.proto !== undefined && m.proto !== p.proto) return false;
  if (m.dport !== undefined && m.dport !== p.dport) return false;
  if (m.in !== undefined && ifMatches(m.in, p.inIf) === !!m.notIn) return false;
  if (m.out !== undefined && ifMatches(m.out, p.outIf) === !!m.notOut) return false;
  if (m.dstTypeLocal && !p.dstLocal) return false;
  if (m.ctstate !== undefined && !m.ctstate.includes(p.ctstate)) return false;
  if (m.mark !== undefined && m.mark !== p.mark) return false;
  if (m.ipvs && !p.ipvs) return false;
  if (c.bad) return false;
  if (m.src !== undefined && (((src & c.srcMask) >>> 0) === c.srcNet) === !!m.notSrc) return false;
  if (m.dst !== undefined && (((dst & c.dstMask) >>> 0) === c.dstNet) === !!m.notDst) return false;
  return true;
}

const compiled = new WeakMap<Rule[], CompiledChain>();

function compile(rules: Rule[]): CompiledChain {
  let c = compiled.get(rules);
  if (c) return c;
  c = { generic: [], byDst: new Map(), cidrs: rules.map((r) => cidrMatchOf(r.match)) };
  rules.forEach((r, i) => {
    const d = r.match.dst;
    if (d !== undefined && !r.match.notDst && (d.endsWith('/32') || !d.includes('/'))) {
      const ip = d.replace(/\/32$/, '');
      const list = c!.byDst.get(ip);
      if (list) list.push(i);
      else c!.byDst.set(ip, [i]);
    } else c!.generic.push(i);
  });
  compiled.set(rules, c);
  return c;
}

/** Rule positions a packet to `dst` must look at, in chain order. */
function candidates(c: CompiledChain, dst: string): number[] {
  const specific = c.byDst.get(dst);
  if (!specific) return c.generic;
  if (c.generic.length === 0) return specific;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < c.generic.length || j < specific.length) {
    if (j >= specific.length || (i < c.generic.length && c.generic[i]! < specific[j]!)) out.push(c.generic[i++]!);
    else out.push(specific[j++]!);
  }
  return out;
}

function count(x: { pkts?: number; bytes?: number }, p: NfPacket): void {
  if (!p.count) return;
  x.pkts = (x.pkts ?? 0) + 1;
  x.bytes = (x.bytes ?? 0) + p.len;
}

function walkChain(byName: Map<string, Chain>, table: TableName, hook: string, name: string, p: NfPacket, depth: number): NfVerdict | null {
  const chain = byName.get(name);
  if (!chain || depth > 32) return null;
  const rules = chain.rules;
  if (rules.length === 0) return null;
  const compiledRules = compile(rules);
  const src = ipToInt(p.src || '0.0.0.0');
  const dst = ipToInt(p.dst);
  for (const idx of candidates(compiledRules, p.dst)) {
    const rule = rules[idx]!;
    if (!fastMatch(rule.match, compiledRules.cidrs[idx]!, p, src, dst)) continue;
    count(rule, p);
    switch (rule.target) {
      case 'ACCEPT':
      case 'DNAT':
      case 'SNAT':
      case 'MASQUERADE':
      case 'REDIRECT':
        return new NfVerdict('ACCEPT', table, hook, name, rule, idx + 1);
      case 'DROP':
      case 'REJECT':
        return new NfVerdict('DROP', table, hook, name, rule, idx + 1);
      case 'RETURN':
        return null;
      case 'MARK':
        // Non-terminating: the packet carries the mark on through the chain.
        if (rule.setMark !== undefined) p.mark = rule.setMark;
        continue;
      default: {
        const sub = walkChain(byName, table, hook, rule.target, p, depth + 1);
        if (sub) return sub;
      }
    }
  }
  return null;
}

/**
 * Walks a built-in chain (and the user chains it jumps to), counting as it goes. Returns the
 * verdict of the rule that decided or of a DROP policy; null when the policy accepted.
 */
export function runHook(chains: Chain[], table: TableName, hook: string, p: NfPacket): NfVerdict | null {
  const byName = chainsByName(chains);
  const chain = byName.get(hook);
  if (!chain) return null;
  if (chain.rules.length > 0) {
    const res = walkChain(byName, table, hook, hook, p, 0);
    if (res) return res;
  }
  count(chain, p);
  return chain.policy === 'DROP' ? new NfVerdict('DROP', table, hook, hook, null, 0) : null;
}

/** Walks a built-in chain (and the user chains it jumps to), counting as it goes, and returns the verdict. */
export function evalHook(chains: Chain[], table: TableName, hook: string, p: NfPacket): NfVerdict {
  return runHook(chains, table, hook, p) ?? new NfVerdict('ACCEPT', table, hook, hook, null, 0);
}

/** `iptables -Z [chain]`: zeroes the counters of a table (or one chain). */
export function zeroCounters(chains: Chain[], only?: string): void {
  for (const c of chains) {
    if (only && c.name !== only) continue;
    if (c.policy) c.pkts = c.bytes = 0;
    for (const r of c.rules) if (r.pkts || r.bytes) r.pkts = r.bytes = 0;
  }
}
