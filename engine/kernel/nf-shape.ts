import type { Chain, Netfilter, Rule, RuleMatch } from './types';

/**
 * Rules, their matches and chains with every property present, in one order. Rules are made by
 * each driver, by iptables and by the swarm, each literal with its own keys; a walk reading them
 * at every hook then met a dozen shapes and went megamorphic. JSON leaves the undefined ones out,
 * so snapshots and rule keys are unchanged.
 */

export function shapedMatch(m: RuleMatch): RuleMatch {
  return {
    src: m.src,
    notSrc: m.notSrc,
    dst: m.dst,
    notDst: m.notDst,
    in: m.in,
    notIn: m.notIn,
    out: m.out,
    notOut: m.notOut,
    proto: m.proto,
    dport: m.dport,
    sport: m.sport,
    dportEnd: m.dportEnd,
    dstTypeLocal: m.dstTypeLocal,
    srcTypeLocal: m.srcTypeLocal,
    ctstate: m.ctstate,
    stateModule: m.stateModule,
    comment: m.comment,
    mark: m.mark,
    ipvs: m.ipvs,
  };
}

export function shapedRule(r: Rule): Rule {
  return {
    match: shapedMatch(r.match),
    target: r.target,
    toDestination: r.toDestination,
    toSource: r.toSource,
    toPorts: r.toPorts,
    setMark: r.setMark,
    rejectWith: r.rejectWith,
    pkts: r.pkts,
    bytes: r.bytes,
    portCounts: r.portCounts,
    docker: r.docker,
  };
}

export function shapedChain(c: Chain): Chain {
  return { name: c.name, policy: c.policy, rules: c.rules, docker: c.docker, pkts: c.pkts, bytes: c.bytes };
}

/** A whole table set in the common shapes (after JSON). */
export function shapedNetfilter(nf: Netfilter): Netfilter {
  const table = (chains: Chain[] | undefined) => (chains ?? []).map((c) => shapedChain({ ...c, rules: c.rules.map(shapedRule) }));
  // A save from before mangle existed keeps it absent: tableOf creates its built-in chains on first use.
  return { filter: table(nf.filter), nat: table(nf.nat), raw: table(nf.raw), mangle: nf.mangle ? table(nf.mangle) : undefined };
}
