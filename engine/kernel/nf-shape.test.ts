import { describe, expect, it } from 'vitest';
import { emptyNetfilter, openRuns } from './netfilter';
import { shapedChain, shapedNetfilter, shapedRule } from './nf-shape';
import type { Chain, Rule } from './types';

const keys = (o: object) => Object.keys(o).join(',');

describe('netfilter objects in one shape (what keeps hooks monomorphic in the walk)', () => {
  it('rules made from different literals share their keys and order, and print and match as before', () => {
    const rules: Rule[] = [
      shapedRule({ match: { src: '10.0.0.0/8', out: 'eth0' }, target: 'MASQUERADE' }),
      shapedRule({ match: { proto: 'tcp', dport: 8080, dportEnd: 8082, dstTypeLocal: true }, target: 'DNAT', toDestination: '172.17.0.2:80' }),
      shapedRule({ match: { ctstate: ['RELATED', 'ESTABLISHED'] }, target: 'ACCEPT', pkts: 3, bytes: 180, docker: true }),
    ];
    expect(new Set(rules.map(keys)).size).toBe(1);
    expect(new Set(rules.map((r) => keys(r.match))).size).toBe(1);
    // A run of ports opens into one rule per port, each still in the same shape.
    const opened = openRuns(rules);
    expect(opened).toHaveLength(5);
    expect(new Set(opened.map(keys)).size).toBe(1);
    // JSON leaves the absent properties out: snapshots and rule keys do not change.
    expect(JSON.stringify(rules[0])).toBe('{"match":{"src":"10.0.0.0/8","out":"eth0"},"target":"MASQUERADE"}');
  });

  it('chains, fresh or read back from JSON, share one shape', () => {
    const nf = emptyNetfilter();
    nf.filter.push(shapedChain({ name: 'MINE', policy: null, rules: [] }));
    nf.nat[3]!.rules = [shapedRule({ match: { src: '172.17.0.0/16' }, target: 'MASQUERADE' })];
    const all = (n: typeof nf): Chain[] => [...n.filter, ...n.nat, ...n.raw, ...(n.mangle ?? [])];
    expect(new Set(all(nf).map(keys)).size).toBe(1);
    const back = shapedNetfilter(JSON.parse(JSON.stringify(nf)) as typeof nf);
    expect(new Set(all(back).map(keys))).toEqual(new Set(all(nf).map(keys)));
    expect(keys(back.nat[3]!.rules[0]!)).toBe(keys(nf.nat[3]!.rules[0]!));
    expect(back).toEqual(nf);
  });

  it('a save from before mangle existed keeps it absent, to be made on first use', () => {
    const { mangle: _dropped, ...old } = emptyNetfilter();
    expect(shapedNetfilter(old).mangle).toBeUndefined();
  });
});
