import { tableOf } from '../../kernel/netfilter';
import type { NetNs, Rule, TableName } from '../../kernel/types';
import { shapedRule } from '../../kernel/nf-shape';

/**
 * Docker's rules in one chain of a sandbox's iptables (a load balancer, a task), rebuilt from
 * state: the daemon's rules first, whatever else someone added after them. Unchanged rules keep
 * their counters; a changed chain gets a new rule list (the walk caches compiled chains by list).
 */
export function setDockerRules(ns: NetNs, table: TableName, chain: string, rules: Rule[]): void {
  const c = tableOf(ns.nf, table).find((x) => x.name === chain);
  if (!c) return;
  const mine = c.rules.filter((r) => r.docker);
  const key = (r: Rule) => JSON.stringify([r.match, r.target, r.toDestination, r.toSource, r.toPorts, r.setMark]);
  const fresh = rules.map((r) => {
    const s = shapedRule(r);
    s.docker = true;
    return s;
  });
  if (mine.length === fresh.length && mine.every((r, i) => key(r) === key(fresh[i]!))) return;
  const old = new Map(mine.map((r) => [key(r), r]));
  for (const r of fresh) {
    const was = old.get(key(r));
    if (was?.pkts) r.pkts = was.pkts;
    if (was?.bytes) r.bytes = was.bytes;
  }
  c.rules = [...fresh, ...c.rules.filter((r) => !r.docker)];
}
