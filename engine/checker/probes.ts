import { dockerAppEnv } from '../docker/daemon/app-env';
import type { SwarmCluster } from '../docker/types';
import type { DockerWorld } from '../docker/world';
import { tcpConnect } from '../apps/http';
import { resolveName } from '../apps/resolver';
import { roundTrip } from '../kernel/deliver';
import { isIPv4 } from '../util/ipv4';
import { crit, listWords, type Graded } from './criteria';
import type { Probe, ReachProbe, ResolveProbe } from './goal-probes';
import { addressGroups, endpointLabel, isServiceRef, nameOf, placesOf, type Place } from './places';
import { checkHttp, checkNeighbor, FAILURE_WORDS } from './probe-http';
import { acrossPlaces, type Outcome } from './outcome';
import { expectedAnswers } from './resolve-targets';

/**
 * Probes: real packet walks and name lookups from a place of the lab, on the checker's copy of the
 * world. Names are resolved exactly as a process there resolves them: its /etc/hosts (with lines
 * the learner added), its resolv.conf, and through them Docker's embedded DNS.
 */


export function probeLabel(world: DockerWorld, p: Probe): string {
  const who = (ref: string) => (isServiceRef(ref) ? `every ${nameOf(world, ref)} task` : endpointLabel(world, ref));
  if ('reach' in p) {
    const r = p.reach;
    const how = r.via === 'tcp' ? `TCP port ${r.port ?? 80}` : 'ping';
    const by = isIPv4(r.to) ? '' : ` by ${r.by}`;
    return `${who(r.from)} ${r.expect === 'reachable' ? 'reaches' : 'cannot reach'} ${endpointLabel(world, r.to)}${by} (${how})`;
  }
  if ('resolve' in p) {
    const r = p.resolve;
    const targets = r.resolvesTo === undefined ? [] : Array.isArray(r.resolvesTo) ? r.resolvesTo : [r.resolvesTo];
    const words = targets.map((t) => (t.startsWith('tasks:') ? `the tasks of ${t.slice(6)}` : t.startsWith('vip:') ? `the virtual IP of ${t.slice(4)}` : endpointLabel(world, t)));
    const to = r.address ? ` to ${r.address}` : words.length ? ` to ${listWords(words)}` : '';
    return r.expect === 'resolves' ? `${who(r.from)} resolves ${r.name}${to}${r.exactly ? ' only' : ''}` : `${who(r.from)} cannot resolve ${r.name}`;
  }
  if ('neighbor' in p) {
    const n = p.neighbor;
    return `${who(n.from)} learns ${endpointLabel(world, n.mac)}'s MAC for ${n.address}`;
  }
  const h = p.http;
  return `GET ${h.url} from ${who(h.from)} answers ${h.status}${h.contains ? ` with "${h.contains}"` : ''}${h.eachNode ? ' on every node' : ''}`;
}

function reach(world: DockerWorld, cluster: SwarmCluster | null, from: Place, r: ReachProbe): Outcome {
  const want = r.expect === 'reachable';
  if (from.problem || !from.ns) return { pass: false, message: from.problem ?? `${from.label} has no network` };
  const toLabel = endpointLabel(world, r.to);
  let groups: { label: string; addrs: string[]; problem: string | null }[];
  if (isIPv4(r.to)) groups = [{ label: r.to, addrs: [r.to], problem: null }];
  else if (r.by === 'address') {
    const found = addressGroups(world, cluster, r.to);
    if (typeof found === 'string') return { pass: false, message: found };
    groups = found;
  } else {
    const res = resolveName(dockerAppEnv(world), from.ns, from.hosts, from.resolv, nameOf(world, r.to));
    if (!res.ok) return { pass: !want, message: `${from.label} cannot resolve the name ${nameOf(world, r.to)}` };
    groups = [{ label: toLabel, addrs: [res.ip], problem: null }];
  }
  if (groups.every((g) => g.addrs.length === 0)) return { pass: !want, message: groups.find((g) => g.problem)?.problem ?? `${toLabel} has no address` };
  const port = r.port ?? 80;
  const reached: string[] = [];
  const tried: string[] = [];
  const failures = new Set<string>();
  const unreachedGroups: string[] = [];
  for (const g of groups) {
    let hit = false;
    for (const ip of g.addrs) {
      tried.push(ip);
      if (r.via === 'tcp') {
        const c = tcpConnect(dockerAppEnv(world), from.ns, ip, port);
        if (c.ok) hit = true;
        else failures.add(FAILURE_WORDS[c.reason]);
      } else {
        const rt = roundTrip(world, from.ns, { proto: 'icmp', dst: ip, dport: null });
        if (rt.ok) hit = true;
        else failures.add(!rt.there.ok && rt.there.reason === 'net-unreachable' ? FAILURE_WORDS['net-unreachable'] : 'no answer');
      }
      if (hit) {
        reached.push(ip);
        break;
      }
    }
    if (!hit) unreachedGroups.push(g.problem ?? g.label);
  }
  const shown = (list: string[]) => (list.length === 1 && list[0] === r.to ? '' : ` (${list.join(', ')})`);
  const several = groups.length > 1;
  const pass = want ? unreachedGroups.length === 0 : reached.length === 0;
  if (reached.length === 0) return { pass, message: `${from.label} cannot reach ${toLabel}${shown(tried)}: ${[...failures].join(', ') || 'no address'}` };
  if (several && unreachedGroups.length > 0) return { pass, message: `${from.label} reaches ${toLabel} only in part: not ${listWords(unreachedGroups)}` };
  return { pass, message: `${from.label} reaches ${toLabel}${shown(reached)}` };
}

function resolve(world: DockerWorld, cluster: SwarmCluster | null, from: Place, r: ResolveProbe): Outcome {
  if (from.problem || !from.ns) return { pass: false, message: from.problem ?? `${from.label} has no network` };
  const res = resolveName(dockerAppEnv(world), from.ns, from.hosts, from.resolv, r.name);
  if (r.expect === 'fails') return { pass: !res.ok, message: res.ok ? `${from.label} resolves ${r.name} to ${res.all.join(', ')}` : `${r.name} does not resolve from ${from.label}` };
  if (!res.ok) return { pass: false, message: `${from.label} cannot resolve ${r.name}` };
  const answers = `${r.name} resolves to ${res.all.join(', ')}`;
  const allowed = new Set<string>();
  const asked: string[] = [];
  if (r.address !== undefined) {
    if (!res.all.includes(r.address)) return { pass: false, message: `${answers}, not to ${r.address}` };
    allowed.add(r.address);
    asked.push(r.address);
  }
  const wanted = r.resolvesTo === undefined ? [] : Array.isArray(r.resolvesTo) ? r.resolvesTo : [r.resolvesTo];
  for (const target of wanted) {
    const exp = expectedAnswers(world, cluster, from, target);
    if (typeof exp === 'string') return { pass: false, message: exp };
    asked.push(exp.label);
    for (const a of exp.any) allowed.add(a);
    for (const a of exp.all) allowed.add(a);
    if (exp.any.length && !exp.any.some((a) => res.all.includes(a))) return { pass: false, message: `${answers}, not to ${exp.label} (${exp.label} has ${exp.any.join(', ')})` };
    if (exp.kind === 'any' && exp.any.length === 0) return { pass: false, message: `${answers}, not to ${exp.label} (${exp.label} has no address)` };
    const missing = exp.all.filter((a) => !res.all.includes(a));
    if (missing.length) return { pass: false, message: `${answers}, missing ${exp.label}: ${missing.join(', ')}` };
  }
  if (r.exactly) {
    const extra = res.all.filter((a) => !allowed.has(a));
    if (extra.length) return { pass: false, message: `${answers}: ${listWords(extra)} ${extra.length === 1 ? 'is' : 'are'} not ${listWords(asked)}` };
  }
  return { pass: true, message: answers };
}

export function checkProbe(world: DockerWorld, cluster: SwarmCluster | null, p: Probe, index: number, causes: string[]): Graded {
  const id = p.id ? `probes.${p.id}` : `probes.${index}`;
  const label = probeLabel(world, p);
  const fromRef = 'reach' in p ? p.reach.from : 'resolve' in p ? p.resolve.from : 'neighbor' in p ? p.neighbor.from : p.http.from;
  const places = placesOf(world, cluster, fromRef);
  if (typeof places === 'string') return crit(id, label, false, places, causes);
  let out: Outcome;
  if ('reach' in p) out = acrossPlaces(places, (from) => reach(world, cluster, from, p.reach));
  else if ('resolve' in p) out = acrossPlaces(places, (from) => resolve(world, cluster, from, p.resolve));
  else if ('neighbor' in p) out = acrossPlaces(places, (from) => checkNeighbor(world, cluster, from, p.neighbor));
  else out = checkHttp(world, places, p.http);
  return crit(id, label, out.pass, out.message, causes);
}
