import { BUILTIN_CHAINS, emptyNetfilter, tableOf } from '../../kernel/netfilter';
import type { Chain, Netfilter, Rule } from '../../kernel/types';
import { hostNs, type DockerCtx } from '../context';
import { allDrivers } from '../drivers/registry';
import type { FirewallRules } from '../drivers/driver';
import type { DockerWorld } from '../world';
import { isRunning } from './lookup';
import { shapedChain, shapedRule } from '../../kernel/nf-shape';

/**
 * The host's iptables as the daemon keeps them: rebuilt from state whenever it changed, each
 * driver adding its share (drivers/<name>/firewall.ts). Rules the administrator added stay: an
 * `iptables -I DOCKER-USER …`, a chain of their own, an INPUT rule. Rebuilding is lazy: a change
 * marks the rules stale and the next reader (a packet walk, `iptables`, a snapshot) rebuilds once.
 */

/** Marks the host's rules stale; a burst of `docker run`s costs one rebuild, not one each. */
export function syncFirewall(ctx: DockerCtx): void {
  ctx.host.docker.firewallDirty = true;
}

export function flushFirewalls(world: DockerWorld): void {
  for (const name of world.hostOrder) {
    const host = world.hosts[name]!;
    if (host.docker.firewallDirty) rebuildFirewall({ world, host });
  }
}

const TABLES = ['filter', 'nat', 'raw', 'mangle'] as const;

export function rebuildFirewall(ctx: DockerCtx): void {
  ctx.host.docker.firewallDirty = false;
  const ns = hostNs(ctx);
  const running = Object.values(ctx.host.docker.containers).filter(isRunning);
  const nets = Object.values(ctx.host.docker.networks);
  const rules: FirewallRules = { filter: new Map(), nat: new Map(), raw: new Map(), mangle: new Map() };
  for (const driver of allDrivers()) {
    if (!driver.firewall) continue;
    driver.firewall(ctx, nets.filter((n) => n.driver === driver.name), running, rules);
  }
  const owned = new Set<string>(['DOCKER-USER']);
  for (const t of TABLES) for (const name of rules[t].keys()) owned.add(`${t}:${name}`);
  const nf: Netfilter = emptyNetfilter();
  for (const t of TABLES) {
    const old = tableOf(ns.nf, t);
    const fresh = assemble(t, old, rules[t], owned);
    carryCounters(old, fresh);
    nf[t] = fresh;
  }
  // Docker sets FORWARD's policy to DROP once, when it sets up forwarding (moby libnetwork/
  // drivers/bridge/setup_ip_forwarding.go); an administrator's `iptables -P FORWARD ACCEPT` stays.
  if (!tableOf(ns.nf, 'filter').some((c) => c.name === 'DOCKER-FORWARD')) nf.filter.find((c) => c.name === 'FORWARD')!.policy = 'DROP';
  ns.nf = nf;
}

/**
 * Built-in chains first (Docker's rules at the top, the administrator's after them), then the
 * user chains in name order as iptables lists them; DOCKER-USER keeps what the administrator put
 * there. Docker 28 creates it empty (no RETURN: moby libnetwork/firewall_linux.go setupUserChain
 * only makes the chain and the FORWARD jump), so an appended rule is the first to match.
 */
function assemble(table: (typeof TABLES)[number], old: Chain[], fresh: Map<string, Rule[]>, owned: Set<string>): Chain[] {
  const out: Chain[] = [];
  for (const name of BUILTIN_CHAINS[table]) {
    const before = old.find((c) => c.name === name);
    const mine = fresh.get(name) ?? [];
    const theirs = (before?.rules ?? []).filter((r) => !r.docker);
    out.push(shapedChain({ name, policy: before?.policy ?? 'ACCEPT', rules: [...mine.map(mark), ...theirs], pkts: before?.pkts ?? 0, bytes: before?.bytes ?? 0 }));
  }
  const user = new Map<string, Rule[]>();
  for (const [name, list] of fresh) if (!BUILTIN_CHAINS[table].includes(name)) user.set(name, list.map(mark));
  if (table === 'filter') {
    const existing = old.find((c) => c.name === 'DOCKER-USER');
    // A RETURN that older saves carry (marked as Docker's) goes: only the administrator's rules stay.
    user.set('DOCKER-USER', existing ? existing.rules.filter((r) => !r.docker) : []);
  }
  const admins = new Set<string>();
  for (const c of old) {
    if (c.policy !== null || c.docker || owned.has(`${table}:${c.name}`) || user.has(c.name)) continue;
    user.set(c.name, c.rules);
    admins.add(c.name);
  }
  for (const name of [...user.keys()].sort()) {
    out.push(shapedChain(admins.has(name) || name === 'DOCKER-USER' ? { name, policy: null, rules: user.get(name)! } : { name, policy: null, rules: user.get(name)!, docker: true }));
  }
  return out;
}

function mark(r: Rule): Rule {
  const out = shapedRule(r);
  out.docker = true;
  out.pkts = undefined;
  out.bytes = undefined;
  out.portCounts = undefined;
  return out;
}

/** A rule's identity in a chain: what `iptables -S` would print, without building the text. */
function ruleKey(chain: string, r: Rule): string {
  return `${chain}|${r.target}|${r.toDestination ?? ''}|${r.toSource ?? ''}|${JSON.stringify(r.match)}`;
}

/**
 * Docker inserts and deletes single rules; the ones it keeps keep their packet and byte counters.
 * A rebuild from state hands each fresh rule the counters of the old rule with the same spec in
 * the same chain (the administrator's rules are carried over as they are).
 */
function carryCounters(old: Chain[], fresh: Chain[]): void {
  const counted = new Map<string, Rule[]>();
  for (const c of old) {
    for (const r of c.rules) {
      if (!r.docker || (!r.pkts && !r.bytes && !r.portCounts)) continue;
      const key = ruleKey(c.name, r);
      const q = counted.get(key);
      if (q) q.push(r);
      else counted.set(key, [r]);
    }
  }
  if (counted.size === 0) return;
  const chains = new Set([...counted.keys()].map((k) => k.slice(0, k.indexOf('|'))));
  for (const c of fresh) {
    if (!chains.has(c.name)) continue;
    for (const r of c.rules) {
      if (!r.docker) continue;
      const hit = counted.get(ruleKey(c.name, r))?.shift();
      if (hit) {
        r.pkts = hit.pkts;
        r.bytes = hit.bytes;
        if (hit.portCounts) r.portCounts = hit.portCounts;
      }
    }
  }
}
