import { dockerAppEnv } from '../docker/daemon/app-env';
import { etcHosts, resolvConf } from '../docker/daemon/etc-files';
import { findContainer, isRunning } from '../docker/daemon/lookup';
import type { ContainerRec, NetworkRec } from '../docker/types';
import type { DockerCtx } from '../docker/context';
import { roundTrip } from '../kernel/deliver';
import type { NetNs } from '../kernel/types';
import { httpGet, tcpConnect, type HttpFailure } from '../apps/http';
import { resolveName } from '../apps/resolver';
import { isIPv4, matchesCidr } from '../util/ipv4';
import type { HostState, DockerWorld as WorldState } from '../docker/world';
import type { CheckReport, ContainerGoal, CriterionResult, Goal, NetworkGoal, Probe } from './goal';

/**
 * Grades a world against a goal, one result per criterion. It reads the world it is given and
 * never changes it: callers pass a copy (probes send packets, and packets leave traces such as
 * nginx log lines and DNS round-robin turns).
 */
export function checkWorld(world: WorldState, goal: Goal): CheckReport {
  const criteria: CriterionResult[] = [];
  const firstHost = world.hostOrder[0]!;
  const hostOf = (name: string | undefined): HostState | undefined => world.hosts[name ?? firstHost];
  for (const g of goal.networks) criteria.push(...checkNetwork(hostOf(g.host), g));
  for (const g of goal.containers) criteria.push(...checkContainer(world, hostOf(g.host), g));
  goal.probes.forEach((p, i) => criteria.push(checkProbe(world, p, i)));
  return { pass: criteria.every((c) => c.pass), criteria };
}

function crit(id: string, label: string, pass: boolean, message: string): CriterionResult {
  return { id, label, pass, message };
}

function findNet(host: HostState | undefined, name: string): NetworkRec | undefined {
  return host ? Object.values(host.docker.networks).find((n) => n.name === name) : undefined;
}

function checkNetwork(host: HostState | undefined, g: NetworkGoal): CriterionResult[] {
  const id = `networks.${g.name}`;
  const net = findNet(host, g.name);
  if (g.absent) {
    return [crit(`${id}.absent`, `there is no network ${g.name}`, !net, net ? `network ${g.name} still exists` : `${g.name} is gone`)];
  }
  const out = [crit(id, `network ${g.name} exists`, !!net, net ? `${g.name} exists (driver ${net.driver})` : `there is no network named ${g.name}`)];
  const missing = `network ${g.name} does not exist yet`;
  if (g.driver !== undefined) {
    out.push(crit(`${id}.driver`, `${g.name} uses the ${g.driver} driver`, net?.driver === g.driver, net ? (net.driver === g.driver ? `${g.name} uses ${g.driver}` : `${g.name} uses the ${net.driver} driver, expected ${g.driver}`) : missing));
  }
  if (g.subnet !== undefined) {
    const got = net?.ipam[0]?.Subnet;
    out.push(crit(`${id}.subnet`, `${g.name} uses the subnet ${g.subnet}`, got === g.subnet, net ? (got === g.subnet ? `${g.name} is on ${got}` : `${g.name} is on ${got ?? 'no subnet'}, expected ${g.subnet}`) : missing));
  }
  if (g.gateway !== undefined) {
    const got = net?.ipam[0]?.Gateway;
    out.push(crit(`${id}.gateway`, `${g.name}'s gateway is ${g.gateway}`, got === g.gateway, net ? (got === g.gateway ? `gateway ${got}` : `${g.name}'s gateway is ${got ?? 'not set'}, expected ${g.gateway}`) : missing));
  }
  if (g.internal !== undefined) {
    const ok = net?.internal === g.internal;
    out.push(crit(`${id}.internal`, g.internal ? `${g.name} is internal` : `${g.name} is not internal`, ok, net ? (ok ? `internal: ${net.internal}` : g.internal ? `${g.name} is not internal (create it with --internal)` : `${g.name} is internal, expected a network with outside access`) : missing));
  }
  if (g.attachable !== undefined) {
    const ok = net?.attachable === g.attachable;
    out.push(crit(`${id}.attachable`, g.attachable ? `${g.name} is attachable` : `${g.name} is not attachable`, ok, net ? (ok ? `attachable: ${net.attachable}` : `${g.name} has attachable=${net.attachable}, expected ${g.attachable}`) : missing));
  }
  for (const [k, v] of Object.entries(g.options ?? {})) {
    const got = net?.options[k];
    out.push(crit(`${id}.options.${k}`, `${g.name} has option ${k}=${v}`, got === v, net ? (got === v ? `${k}=${v}` : `${g.name} has ${k}=${got ?? '(unset)'}, expected ${v}`) : missing));
  }
  return out;
}

function normImage(ref: string): string {
  return ref.replace(/^docker\.io\//, '').replace(/^library\//, '').replace(/:latest$/, '');
}

/** A goal image without a tag ("nginx") accepts any tag of that repository. */
function imageMatches(actual: string, wanted: string): boolean {
  const a = normImage(actual);
  const w = normImage(wanted);
  if (a === w) return true;
  const lastSlash = w.lastIndexOf('/');
  const hasTag = w.lastIndexOf(':') > lastSlash;
  return !hasTag && a.startsWith(`${w}:`);
}

const STATE_WORDS: Record<string, string> = {
  running: 'is running',
  exited: 'has exited',
  created: 'was created but never started',
  paused: 'is paused',
  restarting: 'is restarting',
  dead: 'is dead',
};

function modeName(ctx: DockerCtx, c: ContainerRec): string {
  const mode = c.hostConfig.networkMode;
  if (mode === 'default') return 'bridge';
  if (mode.startsWith('container:')) {
    const other = findContainer(ctx, mode.slice('container:'.length));
    return other && other !== 'ambiguous' ? `container:${other.name}` : mode;
  }
  return mode;
}

function attachedNames(ctx: DockerCtx, c: ContainerRec): string[] {
  const names = c.endpoints.map((e) => ctx.host.docker.networks[e.networkId]?.name ?? '?');
  if (c.hostConfig.networkMode === 'none') names.push('none');
  return names;
}

function evaluateContainer(ctx: DockerCtx, c: ContainerRec, g: ContainerGoal, who: string): CriterionResult[] {
  const id = `containers.${who}`;
  const out: CriterionResult[] = [crit(id, `container ${who} exists`, true, `${c.name} exists`)];
  if (g.image !== undefined) {
    const ok = imageMatches(c.image, g.image);
    out.push(crit(`${id}.image`, `${who} runs the ${g.image} image`, ok, ok ? `${c.name} runs ${c.image}` : `${c.name} runs ${c.image}, expected ${g.image}`));
  }
  if (g.state !== undefined) {
    const ok = c.status === g.state;
    out.push(crit(`${id}.state`, `${who} ${STATE_WORDS[g.state]}`, ok, ok ? `${c.name} ${STATE_WORDS[c.status]}` : `${c.name} ${STATE_WORDS[c.status]}, expected it to be ${g.state}`));
  }
  if (g.networkMode !== undefined) {
    const got = modeName(ctx, c);
    const ok = got === g.networkMode;
    out.push(crit(`${id}.networkMode`, `${who} uses network mode ${g.networkMode}`, ok, ok ? `${c.name} uses ${got}` : `${c.name} uses network mode ${got}, expected ${g.networkMode}`));
  }
  const attached = attachedNames(ctx, c);
  for (const a of g.networks ?? []) {
    const aid = `${id}.networks.${a.network}`;
    const ep = c.endpoints.find((e) => ctx.host.docker.networks[e.networkId]?.name === a.network);
    out.push(crit(aid, `${who} is attached to ${a.network}`, !!ep, ep ? `${c.name} is attached to ${a.network}` : `${c.name} is attached to ${attached.join(', ') || 'no network'}, expected ${a.network}`));
    const ip = ep?.live?.ip ?? null;
    const noAddr = !ep ? `${c.name} is not on ${a.network}` : `${c.name} is not running, so it has no address on ${a.network}`;
    if (a.ip !== undefined) {
      out.push(crit(`${aid}.ip`, `${who} has the address ${a.ip} on ${a.network}`, ip === a.ip, ip ? (ip === a.ip ? `${c.name} has ${ip}` : `${c.name} has ${ip} on ${a.network}, expected ${a.ip}`) : noAddr));
    }
    if (a.ipIn !== undefined) {
      const ok = ip !== null && matchesCidr(ip, a.ipIn);
      out.push(crit(`${aid}.ipIn`, `${who}'s address on ${a.network} is in ${a.ipIn}`, ok, ip ? (ok ? `${c.name} has ${ip}` : `${c.name} has ${ip}, outside ${a.ipIn}`) : noAddr));
    }
    for (const alias of a.aliases ?? []) {
      const ok = !!ep && ep.aliases.includes(alias);
      out.push(crit(`${aid}.aliases.${alias}`, `${who} answers to the alias ${alias} on ${a.network}`, ok, ok ? `${c.name} has the alias ${alias}` : ep ? `${c.name} has ${ep.aliases.length ? `the aliases ${ep.aliases.join(', ')}` : 'no aliases'} on ${a.network}, expected ${alias}` : `${c.name} is not on ${a.network}`));
    }
  }
  if (g.onlyTheseNetworks) {
    const wanted = new Set((g.networks ?? []).map((a) => a.network));
    const extra = attached.filter((n) => !wanted.has(n));
    out.push(crit(`${id}.only`, `${who} is on no other network`, extra.length === 0, extra.length ? `${c.name} is also attached to ${extra.join(', ')}` : `${c.name} is only on ${[...wanted].join(', ')}`));
  }
  for (const n of g.notOn ?? []) {
    const on = attached.includes(n);
    out.push(crit(`${id}.notOn.${n}`, `${who} is not attached to ${n}`, !on, on ? `${c.name} is attached to ${n}` : `${c.name} is not on ${n}`));
  }
  for (const p of g.ports ?? []) {
    const key = `${p.containerPort}/${p.protocol}`;
    const bindings = (c.ports[key] ?? []).filter((b) => !b.HostIp.includes(':'));
    const ok = bindings.some((b) => (p.hostPort === undefined || Number(b.HostPort) === p.hostPort) && (p.hostIp === undefined || b.HostIp === p.hostIp));
    const want = `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort ?? 'a host port'}`;
    const found = bindings.map((b) => `${b.HostIp}:${b.HostPort}`).join(', ');
    // Name what is published instead, so a swapped -p 80:5000 is obvious.
    const published = Object.entries(c.ports)
      .flatMap(([k, bs]) => bs.filter((b) => !b.HostIp.includes(':')).map((b) => `${k} on ${b.HostIp}:${b.HostPort}`))
      .join(', ');
    out.push(
      crit(
        `${id}.ports.${key}`,
        `${who} publishes ${key} on ${want}`,
        ok,
        ok ? `${c.name} publishes ${key} on ${found}` : c.status !== 'running' ? `${c.name} is not running, so nothing is published` : found ? `${c.name} publishes ${key} on ${found}, expected ${want}` : published ? `${c.name} does not publish ${key}; it publishes ${published}` : `${c.name} does not publish ${key}`,
      ),
    );
  }
  return out;
}

function checkContainer(world: WorldState, host: HostState | undefined, g: ContainerGoal): CriterionResult[] {
  const who = g.name ?? (g.match?.image ? `a ${g.match.image} container` : `a container labelled ${g.match?.label}`);
  const id = `containers.${who}`;
  if (!host) return [crit(id, `container ${who} exists`, false, `there is no host ${g.host} in this lab`)];
  const ctx: DockerCtx = { world, host };
  const all = Object.values(host.docker.containers).sort((a, b) => a.created - b.created);
  const candidates = g.name
    ? all.filter((c) => c.name === g.name)
    : all.filter((c) => {
        if (g.match?.image && !imageMatches(c.image, g.match.image)) return false;
        if (g.match?.label) {
          const [k, v] = g.match.label.split('=');
          if (!(k! in c.config.labels) || (v !== undefined && c.config.labels[k!] !== v)) return false;
        }
        return true;
      });
  if (g.absent) {
    return [crit(`${id}.absent`, `there is no container ${who}`, candidates.length === 0, candidates.length ? `${candidates[0]!.name} still exists` : `no ${who}`)];
  }
  if (candidates.length === 0) {
    const skeleton = evaluateContainer(ctx, placeholder(), g, who).map((r, i) =>
      i === 0 ? crit(r.id, r.label, false, `there is no container ${g.name ? `named ${g.name}` : who}`) : crit(r.id, r.label, false, `no container ${who} to check yet`),
    );
    return skeleton;
  }
  // With several candidates (match by image), grade the one that meets the most criteria.
  let best: CriterionResult[] | null = null;
  for (const c of candidates) {
    const r = evaluateContainer(ctx, c, g, who);
    if (!best || r.filter((x) => x.pass).length > best.filter((x) => x.pass).length) best = r;
  }
  return best!;
}

function placeholder(): ContainerRec {
  return {
    id: '', name: '', created: 0, image: '', imageId: '', path: '', args: [], entrypointOverride: null, cmdOverride: null,
    config: { hostname: '', domainname: '', tty: false, openStdin: false, env: [], labels: {}, exposedPorts: [], workingDir: '/', user: '' },
    hostConfig: { networkMode: 'bridge', portBindings: {}, publishAllPorts: false, autoRemove: false, links: [], dns: [], extraHosts: [], restartPolicy: 'no', privileged: false, capAdd: [] },
    status: 'created', pid: 0, exitCode: 0, startedAt: null, finishedAt: null, restartCount: 0, error: '', nsId: null, sandboxId: null,
    endpoints: [], ports: {}, logs: [], process: { kind: 'script' }, files: {},
  };
}

// ------------------------------------------------------------------ probes

interface Place {
  label: string;
  ns: NetNs | null;
  hosts: string;
  resolv: string;
  /** Why this place cannot send anything (a stopped container). */
  problem: string | null;
}

function place(world: WorldState, ref: string): Place | string {
  if (world.hosts[ref]) {
    const h = world.hosts[ref]!;
    return { label: ref, ns: world.netns[h.nsId] ?? null, hosts: h.files['/etc/hosts'] ?? '', resolv: h.files['/etc/resolv.conf'] ?? '', problem: null };
  }
  if (world.machines[ref]) {
    const m = world.machines[ref]!;
    return { label: ref, ns: world.netns[m.nsId] ?? null, hosts: m.files['/etc/hosts'] ?? '', resolv: m.files['/etc/resolv.conf'] ?? '', problem: null };
  }
  const [name, hostName] = ref.split('@') as [string, string | undefined];
  const host = world.hosts[hostName ?? world.hostOrder[0]!];
  if (!host) return `there is no host ${hostName}`;
  const ctx: DockerCtx = { world, host };
  const c = findContainer(ctx, name);
  if (!c || c === 'ambiguous') return `there is no container named ${name}`;
  if (!isRunning(c) || !c.nsId) return { label: name, ns: null, hosts: '', resolv: '', problem: `${name} is not running` };
  return { label: name, ns: world.netns[c.nsId] ?? null, hosts: etcHosts(ctx, c), resolv: resolvConf(ctx, c), problem: null };
}

function containerAddresses(world: WorldState, ref: string): string[] | null {
  const [name, hostName] = ref.split('@') as [string, string | undefined];
  const host = world.hosts[hostName ?? world.hostOrder[0]!];
  if (!host) return null;
  const c = findContainer({ world, host }, name);
  if (!c || c === 'ambiguous') {
    const h = world.hosts[name] ?? world.machines[name];
    return h ? [h.address] : null;
  }
  return c.endpoints.map((e) => e.live?.ip).filter((x): x is string => !!x);
}

function probeLabel(p: Probe): string {
  if ('reach' in p) {
    const r = p.reach;
    const how = r.via === 'tcp' ? `TCP port ${r.port ?? 80}` : 'ping';
    const by = isIPv4(r.to) ? '' : ` by ${r.by}`;
    return `${r.from} ${r.expect === 'reachable' ? 'reaches' : 'cannot reach'} ${r.to}${by} (${how})`;
  }
  if ('resolve' in p) {
    const r = p.resolve;
    const targets = r.resolvesTo === undefined ? [] : Array.isArray(r.resolvesTo) ? r.resolvesTo : [r.resolvesTo];
    const to = r.address ? ` to ${r.address}` : targets.length ? ` to ${targets.join(' and ')}` : '';
    return r.expect === 'resolves' ? `${r.from} resolves ${r.name}${to}` : `${r.from} cannot resolve ${r.name}`;
  }
  const h = p.http;
  return `GET ${h.url} from ${h.from} answers ${h.status}${h.contains ? ` with "${h.contains}"` : ''}`;
}

function checkProbe(world: WorldState, p: Probe, index: number): CriterionResult {
  const id = p.id ? `probes.${p.id}` : `probes.${index}`;
  const label = probeLabel(p);
  const fromRef = 'reach' in p ? p.reach.from : 'resolve' in p ? p.resolve.from : p.http.from;
  const from = place(world, fromRef);
  if (typeof from === 'string') return crit(id, label, false, from);
  if ('reach' in p) {
    const r = p.reach;
    const want = r.expect === 'reachable';
    if (from.problem || !from.ns) return crit(id, label, false, from.problem ?? `${fromRef} has no network`);
    let targets: string[];
    if (isIPv4(r.to)) targets = [r.to];
    else if (r.by === 'address') {
      const addrs = containerAddresses(world, r.to);
      if (addrs === null) return crit(id, label, false, `there is no container named ${r.to}`);
      if (addrs.length === 0) {
        const target = place(world, r.to);
        const why = typeof target !== 'string' && target.problem ? target.problem : `${r.to} has no IP address on any network`;
        return crit(id, label, !want, why);
      }
      targets = addrs;
    } else {
      const res = resolveName(dockerAppEnv(world), from.ns, from.hosts, from.resolv, r.to);
      if (!res.ok) return crit(id, label, !want, `${from.label} cannot resolve the name ${r.to}`);
      targets = [res.ip];
    }
    const port = r.port ?? 80;
    const reached: string[] = [];
    const failures = new Set<string>();
    for (const ip of targets) {
      if (r.via === 'tcp') {
        const c = tcpConnect(dockerAppEnv(world), from.ns!, ip, port);
        if (c.ok) reached.push(ip);
        else failures.add(FAILURE_WORDS[c.reason]);
      } else {
        const rt = roundTrip(world, from.ns!, { proto: 'icmp', dst: ip, dport: null });
        if (rt.ok) reached.push(ip);
        else failures.add(!rt.there.ok && rt.there.reason === 'net-unreachable' ? FAILURE_WORDS['net-unreachable'] : 'no answer');
      }
    }
    const pass = want ? reached.length > 0 : reached.length === 0;
    const shown = (list: string[]) => (list.length === 1 && list[0] === r.to ? '' : ` (${list.join(', ')})`);
    const message =
      reached.length > 0
        ? `${from.label} reaches ${r.to}${shown(reached)}`
        : `${from.label} cannot reach ${r.to}${shown(targets)}: ${[...failures].join(', ')}`;
    return crit(id, label, pass, message);
  }
  if ('resolve' in p) {
    const r = p.resolve;
    if (from.problem || !from.ns) return crit(id, label, false, from.problem ?? `${fromRef} has no network`);
    const res = resolveName(dockerAppEnv(world), from.ns, from.hosts, from.resolv, r.name);
    if (r.expect === 'fails') return crit(id, label, !res.ok, res.ok ? `${from.label} resolves ${r.name} to ${res.all.join(', ')}` : `${r.name} does not resolve from ${from.label}`);
    if (!res.ok) return crit(id, label, false, `${from.label} cannot resolve ${r.name}`);
    if (r.address !== undefined && !res.all.includes(r.address)) {
      return crit(id, label, false, `${r.name} resolves to ${res.all.join(', ')}, expected ${r.address}`);
    }
    const wanted = r.resolvesTo === undefined ? [] : Array.isArray(r.resolvesTo) ? r.resolvesTo : [r.resolvesTo];
    for (const ref of wanted) {
      const addrs = containerAddresses(world, ref);
      if (addrs === null) return crit(id, label, false, `there is no container named ${ref}`);
      if (!addrs.some((a) => res.all.includes(a))) {
        const has = addrs.length ? ` (${ref} has ${addrs.join(', ')})` : ` (${ref} has no address)`;
        return crit(id, label, false, `${r.name} resolves to ${res.all.join(', ')}, not to ${ref}${has}`);
      }
    }
    return crit(id, label, true, `${r.name} resolves to ${res.all.join(', ')}`);
  }
  const h = p.http;
  if (from.problem || !from.ns) return crit(id, label, false, from.problem ?? `${fromRef} has no network`);
  const m = /^https?:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(h.url);
  if (!m) return crit(id, label, false, `cannot read the URL ${h.url}`);
  const res = resolveName(dockerAppEnv(world), from.ns, from.hosts, from.resolv, m[1]!);
  if (!res.ok) return crit(id, label, false, `${from.label} cannot resolve ${m[1]}`);
  const port = m[2] ? Number(m[2]) : 80;
  const got = httpGet(dockerAppEnv(world), from.ns, res.ip, port, { path: m[3] ?? '/', host: m[1]!, userAgent: 'docknet-checker', method: 'GET' });
  if (!got.ok) return crit(id, label, false, `${h.url} from ${from.label}: ${FAILURE_WORDS[got.reason]}`);
  const statusOk = got.res.status === h.status;
  const bodyOk = h.contains === undefined || got.res.body.includes(h.contains);
  const pass = statusOk && bodyOk;
  const message = !statusOk ? `${h.url} answered ${got.res.status}, expected ${h.status}` : !bodyOk ? `${h.url} answered ${got.res.status} but the page does not contain "${h.contains}"` : `${h.url} answered ${got.res.status}`;
  return crit(id, label, pass, message);
}

const FAILURE_WORDS: Record<HttpFailure, string> = {
  empty: 'the server closed the connection without answering',
  'not-http': 'the server answered something that is not HTTP',
  refused: 'connection refused',
  timeout: 'no answer (timed out)',
  'net-unreachable': 'network unreachable (no route)',
  'host-unreachable': 'host unreachable',
  reset: 'connection reset',
};
