import { matchesCidr } from '../util/ipv4';
import type { Chain, Netfilter, Rule, RuleMatch, TableName } from './types';

/** The built-in chains of each table, in the order iptables lists them. */
export const BUILTIN_CHAINS: Record<'filter' | 'nat' | 'raw', string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
};

export function emptyNetfilter(): Netfilter {
  const mk = (t: 'filter' | 'nat' | 'raw'): Chain[] =>
    BUILTIN_CHAINS[t].map((name) => ({ name, policy: 'ACCEPT' as const, rules: [] }));
  return { filter: mk('filter'), nat: mk('nat'), raw: mk('raw') };
}

export function tableOf(nf: Netfilter, table: TableName): Chain[] | undefined {
  return table === 'mangle' ? undefined : nf[table];
}

/** What a packet looks like to netfilter at one hook. */
export interface NfPacket {
  src: string;
  dst: string;
  proto: 'icmp' | 'tcp' | 'udp';
  dport: number | null;
  inIf: string | null;
  outIf: string | null;
  ctstate: 'NEW' | 'ESTABLISHED';
  /** Whether dst is an address of this namespace (for `-m addrtype --dst-type LOCAL`). */
  dstLocal: boolean;
}

export interface NfResult {
  verdict: 'ACCEPT' | 'DROP';
  /** The NAT rule that fired (DNAT or MASQUERADE), if any. */
  nat: Rule | null;
  /** Human-readable trail of the rules that decided, for explanations ("filter FORWARD: DOCKER-ISOLATION-STAGE-2 DROP"). */
  decidedBy: string;
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
  if (m.src !== undefined && matchesCidr(p.src, m.src) === !!m.notSrc) return false;
  if (m.dst !== undefined && matchesCidr(p.dst, m.dst) === !!m.notDst) return false;
  return true;
}

/** Walks a built-in chain (and the user chains it jumps to) and returns the verdict. */
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
}

const compiled = new WeakMap<Rule[], CompiledChain>();

function compile(rules: Rule[]): CompiledChain {
  let c = compiled.get(rules);
  if (c) return c;
  c = { generic: [], byDst: new Map() };
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
function candidates(rules: Rule[], dst: string): number[] {
  const c = compile(rules);
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

function walkChain(byName: Map<string, Chain>, name: string, p: NfPacket, depth: number): NfResult | null {
  const chain = byName.get(name);
  if (!chain || depth > 32) return null;
  const rules = chain.rules;
  for (const idx of candidates(rules, p.dst)) {
    const rule = rules[idx]!;
    if (!ruleMatches(rule.match, p)) continue;
    switch (rule.target) {
      case 'ACCEPT':
        return { verdict: 'ACCEPT', nat: null, decidedBy: `${name} ACCEPT` };
      case 'DROP':
      case 'REJECT':
        return { verdict: 'DROP', nat: null, decidedBy: `${name} ${rule.target}` };
      case 'RETURN':
        return null;
      case 'DNAT':
      case 'MASQUERADE':
      case 'SNAT':
        return { verdict: 'ACCEPT', nat: rule, decidedBy: `${name} ${rule.target}` };
      default: {
        const sub = walkChain(byName, rule.target, p, depth + 1);
        if (sub) return sub;
      }
    }
  }
  return null;
}

/** Walks a built-in chain (and the user chains it jumps to) and returns the verdict. */
export function evalHook(chains: Chain[], hook: string, p: NfPacket): NfResult {
  const byName = chainsByName(chains);
  const res = walkChain(byName, hook, p, 0);
  if (res) return res;
  const policy = byName.get(hook)?.policy ?? 'ACCEPT';
  return { verdict: policy, nat: null, decidedBy: `${hook} policy ${policy}` };
}

// ---------------------------------------------------------------- printing

function matchArgs(m: RuleMatch): string[] {
  const out: string[] = [];
  if (m.src !== undefined) out.push(...(m.notSrc ? ['!'] : []), '-s', withMask(m.src));
  if (m.dst !== undefined) out.push(...(m.notDst ? ['!'] : []), '-d', withMask(m.dst));
  if (m.in !== undefined) out.push(...(m.notIn ? ['!'] : []), '-i', m.in);
  if (m.out !== undefined) out.push(...(m.notOut ? ['!'] : []), '-o', m.out);
  if (m.proto !== undefined) out.push('-p', m.proto);
  if (m.dport !== undefined && m.proto) out.push('-m', m.proto, '--dport', String(m.dport));
  if (m.dstTypeLocal) out.push('-m', 'addrtype', '--dst-type', 'LOCAL');
  if (m.ctstate) out.push('-m', 'conntrack', '--ctstate', m.ctstate.join(','));
  return out;
}

function withMask(cidr: string): string {
  return cidr.includes('/') ? cidr : `${cidr}/32`;
}

export function ruleSpec(chain: string, r: Rule): string {
  const parts = ['-A', chain, ...matchArgs(r.match), '-j', r.target];
  if (r.toDestination) parts.push('--to-destination', r.toDestination);
  return parts.join(' ');
}

/** `iptables [-t table] -S [chain]` */
export function printRules(chains: Chain[], only?: string): string {
  const lines: string[] = [];
  const selected = only ? chains.filter((c) => c.name === only) : chains;
  for (const c of selected) lines.push(c.policy ? `-P ${c.name} ${c.policy}` : `-N ${c.name}`);
  for (const c of selected) for (const r of c.rules) lines.push(ruleSpec(c.name, r));
  return lines.map((l) => l + '\n').join('');
}

const SERVICE_NAMES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt', 8443: 'https-alt' };

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function addrCol(cidr: string | undefined, inverted: boolean | undefined, numeric: boolean): string {
  let text = cidr ?? '0.0.0.0/0';
  if (text.endsWith('/32')) text = text.slice(0, -3);
  if (!numeric && text === '0.0.0.0/0') text = 'anywhere';
  return (inverted ? '!' : ' ') + pad(text, 19) + ' ';
}

function references(chains: Chain[], name: string): number {
  let n = 0;
  for (const c of chains) for (const r of c.rules) if (r.target === name) n++;
  return n;
}

/**
 * `iptables [-t table] -L [chain] [-n] [-v]`, laid out with iptables' own printf widths
 * (`%-9s ` target, `%-5s` prot, `--` opt, ` %-19s ` source and destination), trailing spaces included.
 */
export function listRules(chains: Chain[], opts: { numeric: boolean; verbose: boolean; only?: string; lineNumbers?: boolean }): string {
  const out: string[] = [];
  const selected = opts.only ? chains.filter((c) => c.name === opts.only) : chains;
  selected.forEach((c, i) => {
    if (i > 0) out.push('');
    const head = c.policy
      ? `Chain ${c.name} (policy ${c.policy}${opts.verbose ? ' 0 packets, 0 bytes' : ''})`
      : `Chain ${c.name} (${references(chains, c.name)} references)`;
    out.push(head);
    const num = opts.lineNumbers ? 'num  ' : '';
    out.push(
      opts.verbose
        ? `${num} pkts bytes target     prot opt in     out     source               destination         `
        : `${num}target     prot opt source               destination         `,
    );
    c.rules.forEach((r, index) => {
      const m = r.match;
      let line = opts.lineNumbers ? pad(String(index + 1), 4) + ' ' : '';
      if (opts.verbose) line += '    0     0 ';
      line += pad(r.target, 9) + ' ';
      line += ' ' + pad(m.proto ?? 'all', 5);
      line += '-- ';
      if (opts.verbose) {
        // iptables prints " %-6s " for the input interface and "%-6s " for the output one.
        // An unset interface reads "*" with -n and "any" without.
        const anyIf = opts.numeric ? '*' : 'any';
        line += ' ' + pad((m.notIn ? '!' : '') + (m.in ?? anyIf), 6) + ' ';
        line += pad((m.notOut ? '!' : '') + (m.out ?? anyIf), 6) + ' ';
      }
      line += addrCol(m.src, m.notSrc, opts.numeric);
      line += addrCol(m.dst, m.notDst, opts.numeric);
      const extra: string[] = [];
      if (m.dstTypeLocal) extra.push('ADDRTYPE match dst-type LOCAL');
      if (m.ctstate) extra.push(`ctstate ${m.ctstate.join(',')}`);
      if (m.dport !== undefined && m.proto) {
        const port = opts.numeric ? String(m.dport) : (SERVICE_NAMES[m.dport] ?? String(m.dport));
        extra.push(`${m.proto} dpt:${port}`);
      }
      if (r.toDestination) extra.push(`to:${r.toDestination}`);
      // Each iptables match extension prints its text with a leading space.
      line += extra.map((e) => ' ' + e).join('');
      out.push(line);
    });
  });
  return out.map((l) => l + '\n').join('');
}
