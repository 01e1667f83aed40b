import { ipToInt, maskOf, matchesCidr, parseCidr } from '../util/ipv4';
import type { Chain, Netfilter, Proto, Rule, RuleMatch, TableName } from './types';
import { shapedChain, shapedRule } from './nf-shape';

/** The built-in chains of each table, in the order iptables lists them. */
export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
};

export const TABLES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter'];

export function emptyTable(t: TableName): Chain[] {
  return BUILTIN_CHAINS[t].map((name) => shapedChain({ name, policy: 'ACCEPT', rules: [] }));
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
  /** Source port (tcp/udp), for `--sport`; absent in packets that never carry one. */
  sport?: number | null;
  inIf: string | null;
  outIf: string | null;
  ctstate: 'NEW' | 'ESTABLISHED';
  /** Whether dst is an address of this namespace (for `-m addrtype --dst-type LOCAL`). */
  dstLocal: boolean;
  /** Whether src is an address of this namespace (`-m addrtype --src-type LOCAL`); set by the hook when a rule asks. */
  srcLocal?: boolean;
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

function portMisses(m: RuleMatch, port: number | null): boolean {
  if (m.dportEnd === undefined) return m.dport !== port;
  return port === null || port < m.dport! || port > m.dportEnd;
}

/** The rule of a run (RuleMatch.dportEnd) for one port, as iptables would hold it, with that port's counters. */
export function ruleAt(r: Rule, port: number): Rule {
  const portCounts = r.portCounts;
  // A copy in the common shape (nf-shape.ts): the port's rule, without the run's end and per-port counts.
  const out = shapedRule(r);
  out.match.dport = port;
  out.match.dportEnd = undefined;
  out.portCounts = undefined;
  const shift = port - r.match.dport!;
  const to = r.toDestination && /^(.*):(\d+)$/.exec(r.toDestination);
  if (to) out.toDestination = `${to[1]}:${Number(to[2]) + shift}`;
  const c = portCounts?.[String(port)];
  if (c) [out.pkts, out.bytes] = c;
  return out;
}

/** A chain's rules as iptables lists them: each run opened into its rules, one per port. */
export function openRuns(rules: Rule[]): Rule[] {
  if (!rules.some((r) => r.match.dportEnd !== undefined)) return rules;
  const out: Rule[] = [];
  for (const r of rules) {
    if (r.match.dportEnd === undefined) out.push(r);
    else for (let port = r.match.dport!; port <= r.match.dportEnd; port++) out.push(ruleAt(r, port));
  }
  return out;
}

export function ruleMatches(m: RuleMatch, p: NfPacket): boolean {
  // Cheap comparisons first: a lab with many containers has long chains of per-address rules.
  if (m.proto !== undefined && m.proto !== p.proto) return false;
  if (m.dport !== undefined && portMisses(m, p.dport)) return false;
  if (m.sport !== undefined && m.sport !== p.sport) return false;
  if (m.in !== undefined && ifMatches(m.in, p.inIf) === !!m.notIn) return false;
  if (m.out !== undefined && ifMatches(m.out, p.outIf) === !!m.notOut) return false;
  if (m.dstTypeLocal && !p.dstLocal) return false;
  if (m.srcTypeLocal && !p.srcLocal) return false;
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
 * A chain prepared for fast evaluation. Docker writes long chains of per-address and
 * per-bridge rules (`-d 172.17.0.5`, `-o br-…`, `-i br-…`): each rule is filed under the most
 * selective exact value it requires (destination address, then output, then input interface),
 * so a packet only looks at the rules that can match it plus the generic ones. Order is kept:
 * candidates are merged back by rule position. Rule lists are never edited in place, so the list
 * itself is the cache key.
 */
interface CompiledChain {
  generic: number[];
  byDst: Map<string, number[]>;
  byOut: Map<string, number[]>;
  byIn: Map<string, number[]>;
  /** Each rule's -s/-d as numbers (net, mask), so matching is two integer compares; filled as rules are first met. */
  cidrs: (CidrMatch | undefined)[];
}

interface CidrMatch {
  srcNet: number;
  srcMask: number;
  dstNet: number;
  dstMask: number;
  /** A malformed address in the rule: it never matches (iptables would have refused it). */
  bad: boolean;
}

const cidrNums = new Map<string, { net: number; mask: number } | null>();

function cidrNum(text: string | undefined): { net: number; mask: number } | null | undefined {
  if (text === undefined) return undefined;
  const hit = cidrNums.get(text);
  if (hit !== undefined) return hit;
  const c = parseCidr(text.includes('/') ? text : `${text}/32`);
  const mask = c ? maskOf(c.prefix) : 0;
  const out = c ? { net: (ipToInt(c.ip) & mask) >>> 0, mask } : null;
  if (cidrNums.size > 10_000) cidrNums.clear();
  cidrNums.set(text, out);
  return out;
}

function cidrMatchOf(m: RuleMatch): CidrMatch {
  const s = cidrNum(m.src);
  const d = cidrNum(m.dst);
  return { srcNet: s?.net ?? 0, srcMask: s?.mask ?? 0, dstNet: d?.net ?? 0, dstMask: d?.mask ?? 0, bad: s === null || d === null };
}

/** ruleMatches with the addresses precompiled; `src`/`dst` are the packet's as numbers. */
function fastMatch(m: RuleMatch, c: CidrMatch, p: NfPacket, src: number, dst: number): boolean {
  if (m.proto !== undefined && m.proto !== p.proto) return false;
  if (m.dport !== undefined && portMisses(m, p.dport)) return false;
  if (m.sport !== undefined && m.sport !== p.sport) return false;
  if (m.in !== undefined && ifMatches(m.in, p.inIf) === !!m.notIn) return false;
  if (m.out !== undefined && ifMatches(m.out, p.outIf) === !!m.notOut) return false;
  if (m.dstTypeLocal && !p.dstLocal) return false;
  if (m.srcTypeLocal && !p.srcLocal) return false;
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
  const out: CompiledChain = { generic: [], byDst: new Map(), byOut: new Map(), byIn: new Map(), cidrs: new Array<CidrMatch | undefined>(rules.length) };
  const file = (m: Map<string, number[]>, key: string, i: number) => {
    const list = m.get(key);
    if (list) list.push(i);
    else m.set(key, [i]);
  };
  const exactIf = (name: string | undefined, neg: boolean | undefined) => name !== undefined && !neg && !name.endsWith('+');
  rules.forEach((r, i) => {
    const m = r.match;
    const d = m.dst;
    if (d !== undefined && !m.notDst && (d.endsWith('/32') || !d.includes('/'))) file(out.byDst, d.replace(/\/32$/, ''), i);
    else if (exactIf(m.out, m.notOut)) file(out.byOut, m.out!, i);
    else if (exactIf(m.in, m.notIn)) file(out.byIn, m.in!, i);
    else out.generic.push(i);
  });
  compiled.set(rules, out);
  return out;
}

function merge(a: number[], b: number[]): number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

const NONE: number[] = [];

/** Rule positions a packet must look at, in chain order. */
function candidates(c: CompiledChain, p: NfPacket): number[] {
  let out = c.generic;
  if (c.byDst.size) out = merge(out, c.byDst.get(p.dst) ?? NONE);
  if (c.byOut.size && p.outIf !== null) out = merge(out, c.byOut.get(p.outIf) ?? NONE);
  if (c.byIn.size && p.inIf !== null) out = merge(out, c.byIn.get(p.inIf) ?? NONE);
  return out;
}

function count(x: { pkts?: number; bytes?: number }, p: NfPacket): void {
  if (!p.count) return;
  x.pkts = (x.pkts ?? 0) + 1;
  x.bytes = (x.bytes ?? 0) + p.len;
}

/** Counts a matched rule; a run's hit is counted for its port, and the verdict names that port's rule. */
function hit(rule: Rule, p: NfPacket): Rule {
  if (rule.match.dportEnd === undefined) {
    count(rule, p);
    return rule;
  }
  if (p.count) {
    const counts = (rule.portCounts ??= {});
    const c = (counts[String(p.dport)] ??= [0, 0]);
    c[0]++;
    c[1] += p.len;
  }
  return ruleAt(rule, p.dport!);
}

function walkChain(byName: Map<string, Chain>, table: TableName, hook: string, name: string, p: NfPacket, depth: number): NfVerdict | null {
  const chain = byName.get(name);
  if (!chain || depth > 32) return null;
  const rules = chain.rules;
  if (rules.length === 0) return null;
  const compiledRules = compile(rules);
  const src = ipToInt(p.src || '0.0.0.0');
  const dst = ipToInt(p.dst);
  for (const idx of candidates(compiledRules, p)) {
    const stored = rules[idx]!;
    const cidr = (compiledRules.cidrs[idx] ??= cidrMatchOf(stored.match));
    if (!fastMatch(stored.match, cidr, p, src, dst)) continue;
    const rule = hit(stored, p);
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
    for (const r of c.rules) {
      if (r.pkts || r.bytes) r.pkts = r.bytes = 0;
      if (r.portCounts) delete r.portCounts;
    }
  }
}
