import { syncDerived } from '../../kernel/deliver';
import { BUILTIN_CHAINS, tableOf, zeroCounters } from '../../kernel/netfilter';
import { listRules, printRules, ruleSpec } from '../../kernel/netfilter-print';
import type { Chain, NetNs, Rule } from '../../kernel/types';
import { containerOf, nsOf, type Proc, type Program } from '../../shell/types';
import { IPT_VERSION, paramProblem, parseIptables, type IptCommand, type IptError } from './parse';
import { IPT_HELP } from './help';
import { shapedChain, shapedRule } from '../../kernel/nf-shape';

/**
 * iptables 1.8.11 (nf_tables, Debian 13's) over the namespace's tables: list (-L, -S, with
 * counters), change (-A/-I/-D/-R/-C, -F, -Z, -N/-X, -P) with iptables' own errors and exit codes
 * (fidelity-evidence/iptables-errors.txt, captured from the real binary). The daemon rebuilds
 * its own rules from state; what the administrator adds to built-in chains, DOCKER-USER and
 * their own chains stays.
 */

const NO_CHAIN: IptError = { text: 'iptables: No chain/target/match by that name.\n', code: 1 };

function fail(p: Proc, e: IptError): number {
  p.err(e.text);
  return e.code;
}

export function hasNetAdmin(p: Proc): boolean {
  const c = containerOf(p);
  return !c || c.hostConfig.privileged || c.hostConfig.capAdd.some((x) => /NET_ADMIN|ALL/i.test(x));
}

export const iptables: Program = async (p) => {
  const ns = nsOf(p);
  if (!ns) return 1;
  const parsed = parseIptables(p.argv.slice(1));
  if ('text' in parsed) return fail(p, parsed);
  if (parsed.cmd === 'V') {
    p.out(`iptables ${IPT_VERSION}\n`);
    return 0;
  }
  if (parsed.cmd === 'h') {
    p.out(IPT_HELP);
    return 0;
  }
  if (!hasNetAdmin(p)) {
    // Without CAP_NET_ADMIN the nf_tables backend cannot even read the rule set.
    p.err(`iptables ${IPT_VERSION}: Could not fetch rule set generation id: Permission denied (you must be root)\n\n`);
    return 4;
  }
  syncDerived(p.rt.world);
  return run(p, ns, parsed);
};

function run(p: Proc, ns: NetNs, c: IptCommand): number {
  const chains = tableOf(ns.nf, c.table);
  const find = (name: string | null) => (name === null ? undefined : chains.find((ch) => ch.name === name));
  const chain = find(c.chain);
  if (c.chain !== null && !chain && c.cmd !== 'N') return fail(p, c.cmd === 'P' ? { text: 'iptables: Bad built-in chain name.\n', code: 1 } : NO_CHAIN);
  switch (c.cmd) {
    case 'L':
    case 'S': {
      if (c.num !== null) {
        const r = chain!.rules[c.num - 1];
        if (!r) return fail(p, { text: 'iptables: Index of deletion too big.\n', code: 1 });
        if (c.cmd === 'S') p.out(ruleSpec(chain!.name, r, c.verbose) + '\n');
        else p.out(listRules([{ ...chain!, rules: [r] }], { numeric: c.numeric, verbose: c.verbose, exact: c.exact }).split('\n').slice(2).join('\n'));
        return 0;
      }
      if (c.cmd === 'S') p.out(printRules(chains, c.chain ?? undefined, c.verbose));
      else p.out(listRules(chains, { numeric: c.numeric, verbose: c.verbose, only: c.chain ?? undefined, lineNumbers: c.lineNumbers, exact: c.exact }));
      if (c.zeroToo) zeroCounters(chains, c.chain ?? undefined);
      return 0;
    }
    case 'Z':
      zeroCounters(chains, c.chain ?? undefined);
      return 0;
    case 'P':
      return policy(p, c, chain!);
    case 'N':
      if (chain) return fail(p, { text: 'iptables: Chain already exists.\n', code: 1 });
      if (c.chain!.length > 28 || c.chain!.startsWith('-')) return fail(p, paramProblem(`chain name \`${c.chain}' too long (must be under 29 chars)`));
      chains.push(shapedChain({ name: c.chain!, policy: null, rules: [] }));
      sortUserChains(chains);
      return changed(p);
    case 'X':
      return deleteChains(p, chains, chain ?? null);
    case 'E':
      return fail(p, { text: "sim: renaming chains (-E) is not part of this lab; create a new chain with -N\n", code: 1 });
    case 'F': {
      // Every chain of the table, Docker's too, as the real `iptables -F` does; the daemon puts its
      // rules back the next time it rebuilds them (a container or network change).
      for (const ch of chain ? [chain] : chains) ch.rules = [];
      return changed(p);
    }
    default:
      return edit(p, c, chains, chain!);
  }
}

function policy(p: Proc, c: IptCommand, chain: Chain): number {
  if (!BUILTIN_CHAINS[c.table].includes(chain.name)) return fail(p, { text: 'iptables: Bad built-in chain name.\n', code: 1 });
  if (c.arg !== 'ACCEPT' && c.arg !== 'DROP') return fail(p, { text: "iptables: Bad policy name. Run `dmesg' for more information.\n", code: 1 });
  if (c.table === 'nat' && c.arg === 'DROP') {
    return fail(p, { text: `iptables ${IPT_VERSION}: \nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n\nTry \`iptables -h' or 'iptables --help' for more information.\n`, code: 2 });
  }
  chain.policy = c.arg;
  return changed(p);
}

function references(chains: Chain[], name: string): number {
  let n = 0;
  for (const ch of chains) for (const r of ch.rules) if (r.target === name) n++;
  return n;
}

function deleteChains(p: Proc, chains: Chain[], only: Chain | null): number {
  const targets = only ? [only] : chains.filter((ch) => ch.policy === null);
  for (const ch of targets) {
    if (ch.policy !== null || references(chains, ch.name) > 0 || ch.rules.length > 0) {
      const why = ch.rules.length > 0 && references(chains, ch.name) === 0 && ch.policy === null ? 'Directory not empty' : 'Device or resource busy';
      return fail(p, { text: `iptables ${IPT_VERSION}:  CHAIN_DEL failed (${why}): chain ${ch.name}\n`, code: 4 });
    }
    chains.splice(chains.indexOf(ch), 1);
  }
  return changed(p);
}

/** iptables lists built-in chains first, then user chains by name. */
function sortUserChains(chains: Chain[]): void {
  const user = chains.filter((ch) => ch.policy === null).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const builtin = chains.filter((ch) => ch.policy !== null);
  chains.splice(0, chains.length, ...builtin, ...user);
}

/** A rule's identity for -D/-C: what `iptables -S` prints for it (counters aside). */
function specOf(chain: string, r: Rule): string {
  return ruleSpec(chain, { ...r, pkts: 0, bytes: 0, docker: undefined });
}

function edit(p: Proc, c: IptCommand, chains: Chain[], chain: Chain): number {
  const rule = c.rule;
  if (c.cmd === 'D' && c.num !== null) {
    if (c.num < 1 || c.num > chain.rules.length) return fail(p, { text: 'iptables: Index of deletion too big.\n', code: 1 });
    if (!owned(p, chain)) return 1;
    chain.rules = chain.rules.filter((_, k) => k !== c.num! - 1);
    return changed(p);
  }
  if (!rule) return fail(p, paramProblem('no command specified'));
  if (rule.target === '' && c.cmd !== 'D' && c.cmd !== 'C') rule.target = '';
  if (rule.target !== '' && !isTarget(chains, rule.target)) return fail(p, paramProblem(`Chain '${rule.target}' does not exist`));
  if (rule.target === 'MARK' && rule.setMark === undefined) return fail(p, paramProblem('MARK target: Parameter --set-xmark is required'));
  const key = specOf(chain.name, rule);
  const at = chain.rules.findIndex((r) => specOf(chain.name, r) === key);
  if (c.cmd === 'C') return at >= 0 ? 0 : fail(p, { text: 'iptables: Bad rule (does a matching rule exist in that chain?).\n', code: 1 });
  if (!owned(p, chain)) return 1;
  const fresh: Rule = shapedRule(rule);
  // Rule lists are replaced, never edited in place: compiled chains are cached by list identity.
  switch (c.cmd) {
    case 'A':
      chain.rules = [...chain.rules, fresh];
      break;
    case 'I': {
      const n = c.num ?? 1;
      if (n < 1 || n > chain.rules.length + 1) return fail(p, { text: 'iptables: Index of insertion too big.\n', code: 1 });
      chain.rules = [...chain.rules.slice(0, n - 1), fresh, ...chain.rules.slice(n - 1)];
      break;
    }
    case 'R': {
      const n = c.num!;
      if (n < 1 || n > chain.rules.length) return fail(p, { text: 'iptables: Index of replacement too big.\n', code: 1 });
      chain.rules = chain.rules.map((r, k) => (k === n - 1 ? fresh : r));
      break;
    }
    case 'D':
      if (at < 0) return fail(p, { text: 'iptables: Bad rule (does a matching rule exist in that chain?).\n', code: 1 });
      chain.rules = chain.rules.filter((_, k) => k !== at);
      break;
  }
  return changed(p);
}

const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'LOG', 'MARK', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT']);

function isTarget(chains: Chain[], name: string): boolean {
  return BUILTIN_TARGETS.has(name) || chains.some((ch) => ch.name === name && ch.policy === null);
}

/** The daemon's own chains are rebuilt from its state: editing them here would silently come undone. */
function owned(p: Proc, chain: Chain): boolean {
  if (!chain.docker) return true;
  p.err(`sim: ${chain.name} belongs to Docker, which rebuilds it from its state; put your rules in DOCKER-USER, a built-in chain or a chain of your own\n`);
  return false;
}

function changed(p: Proc): number {
  p.rt.world.revision++;
  p.rt.changed();
  return 0;
}
