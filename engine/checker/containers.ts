import { findContainer } from '../docker/daemon/lookup';
import type { DockerCtx } from '../docker/context';
import type { ContainerRec } from '../docker/types';
import { expandPortMap } from '../docker/port-map';
import { own } from '../util/own';
import type { DockerWorld } from '../docker/world';
import { matchesCidr } from '../util/ipv4';
import { at, crit, listWords, onHost, type Graded } from './criteria';
import type { ContainerGoal } from './goal';
import { imageMatches } from './images';

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
  const names = c.endpoints.filter((e) => !e.sandboxGateway).map((e) => ctx.host.docker.networks[e.networkId]?.name ?? e.networkName ?? '?');
  if (c.hostConfig.networkMode === 'none') names.push('none');
  return names;
}

/** Ids of the network goals a container's attachment to `network` depends on (a local one, or an overlay). */
function networkCauses(network: string, host: string | undefined, first: string): string[] {
  const local = `networks.${network}${at(host, first)}`;
  return local === `networks.${network}` ? [local] : [local, `networks.${network}`];
}

function evaluateContainer(ctx: DockerCtx, c: ContainerRec, g: ContainerGoal, who: string, id: string, first: string): Graded[] {
  const out: Graded[] = [crit(id, `container ${who} exists`, true, `${c.name} exists`)];
  const name = onHost(c.name, g.host, first);
  const stateId = `${id}.state`;
  // A container that is not running has no address and publishes nothing.
  const runCauses = g.state !== undefined ? [id, stateId] : [id];
  if (g.image !== undefined) {
    const ok = imageMatches(c.image, g.image);
    out.push(crit(`${id}.image`, `${who} runs the ${g.image} image`, ok, ok ? `${name} runs ${c.image}` : `${name} runs ${c.image}, not ${g.image}`, [id]));
  }
  if (g.state !== undefined) {
    const ok = c.status === g.state;
    out.push(crit(stateId, `${who} ${STATE_WORDS[g.state]}`, ok, `${name} ${STATE_WORDS[c.status]}`, [id]));
  }
  if (g.networkMode !== undefined) {
    const got = modeName(ctx, c);
    const ok = got === g.networkMode;
    out.push(crit(`${id}.networkMode`, `${who} uses network mode ${g.networkMode}`, ok, ok ? `${name} uses ${got}` : `${name} uses network mode ${got}, not ${g.networkMode}`, [id]));
  }
  const attached = attachedNames(ctx, c);
  for (const a of g.networks ?? []) {
    const aid = `${id}.networks.${a.network}`;
    const ep = c.endpoints.find((e) => ctx.host.docker.networks[e.networkId]?.name === a.network);
    const others = attached.filter((n) => n !== a.network);
    out.push(
      crit(aid, `${who} is attached to ${a.network}`, !!ep, ep ? `${name} is attached to ${a.network}` : others.length ? `${name} is on ${listWords(others)}, not on ${a.network}` : `${name} is on no network, not on ${a.network}`, [
        id,
        ...networkCauses(a.network, g.host, first),
      ]),
    );
    const ip = ep?.live?.ip ?? null;
    const noAddr = !ep ? `${name} is not on ${a.network}` : `${name} is not running, so it has no address on ${a.network}`;
    const addrCauses = [aid, ...runCauses];
    if (a.ip !== undefined) {
      out.push(crit(`${aid}.ip`, `${who} has the address ${a.ip} on ${a.network}`, ip === a.ip, ip ? (ip === a.ip ? `${name} has ${ip}` : `${name} has ${ip} on ${a.network}, not ${a.ip}`) : noAddr, addrCauses));
    }
    if (a.ipIn !== undefined) {
      const ok = ip !== null && matchesCidr(ip, a.ipIn);
      out.push(crit(`${aid}.ipIn`, `${who}'s address on ${a.network} is in ${a.ipIn}`, ok, ip ? (ok ? `${name} has ${ip}` : `${name} has ${ip}, outside ${a.ipIn}`) : noAddr, addrCauses));
    }
    for (const alias of a.aliases ?? []) {
      const ok = !!ep && ep.aliases.includes(alias);
      out.push(
        crit(`${aid}.aliases.${alias}`, `${who} answers to the alias ${alias} on ${a.network}`, ok, ok ? `${name} has the alias ${alias}` : ep ? `${name} has ${ep.aliases.length ? `the aliases ${ep.aliases.join(', ')}` : 'no aliases'} on ${a.network}, not ${alias}` : `${name} is not on ${a.network}`, [aid, id]),
      );
    }
  }
  if (g.onlyTheseNetworks) {
    const wanted = new Set((g.networks ?? []).map((a) => a.network));
    const extra = attached.filter((n) => !wanted.has(n));
    out.push(crit(`${id}.only`, `${who} is on no other network`, extra.length === 0, extra.length ? `${name} is also attached to ${listWords(extra)}` : `${name} is only on ${[...wanted].join(', ')}`, [id]));
  }
  for (const n of g.notOn ?? []) {
    const on = attached.includes(n);
    out.push(crit(`${id}.notOn.${n}`, `${who} is not attached to ${n}`, !on, on ? `${name} is attached to ${n}` : `${name} is not on ${n}`, [id]));
  }
  const ports = expandPortMap(c.ports);
  for (const p of g.ports ?? []) {
    const key = `${p.containerPort}/${p.protocol}`;
    const bindings = (own(ports, key) ?? []).filter((b) => !b.HostIp.includes(':'));
    const ok = bindings.some((b) => (p.hostPort === undefined || Number(b.HostPort) === p.hostPort) && (p.hostIp === undefined || b.HostIp === p.hostIp));
    const want = `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort ?? 'a host port'}`;
    const found = bindings.map((b) => `${b.HostIp}:${b.HostPort}`).join(', ');
    // Name what is published instead, so a swapped -p 80:5000 is obvious.
    const published = Object.entries(ports)
      .flatMap(([k, bs]) => bs.filter((b) => !b.HostIp.includes(':')).map((b) => `${k} on ${b.HostIp}:${b.HostPort}`))
      .join(', ');
    const message = ok
      ? `${name} publishes ${key} on ${found}`
      : c.status !== 'running'
        ? `${name} is not running, so nothing is published`
        : found
          ? `${name} publishes ${key} on ${found}, not on ${want}`
          : published
            ? `${name} does not publish ${key}; it publishes ${published}`
            : `${name} does not publish ${key}`;
    out.push(crit(`${id}.ports.${key}`, `${who} publishes ${key} on ${want}`, ok, message, runCauses));
  }
  return out;
}

export function checkContainer(world: DockerWorld, g: ContainerGoal): Graded[] {
  const first = world.hostOrder[0]!;
  const base = g.name ?? (g.match?.image ? `a ${g.match.image} container` : `a container labelled ${g.match?.label}`);
  const who = onHost(base, g.host, first);
  const id = `containers.${base}${at(g.host, first)}`;
  const hostName = g.host ?? first;
  const host = Object.hasOwn(world.hosts, hostName) ? world.hosts[hostName]! : null;
  if (!host) return [crit(g.absent ? `${id}.absent` : id, `container ${who} exists`, false, `there is no host ${g.host} in this lab`)];
  const ctx: DockerCtx = { world, host };
  const all = Object.values(host.docker.containers).sort((a, b) => a.created - b.created);
  const candidates = g.name
    ? all.filter((c) => c.name === g.name)
    : all.filter((c) => {
        if (g.match?.image && !imageMatches(c.image, g.match.image)) return false;
        if (g.match?.label) {
          const [k, v] = g.match.label.split('=');
          if (!Object.hasOwn(c.config.labels, k!) || (v !== undefined && c.config.labels[k!] !== v)) return false;
        }
        return true;
      });
  if (g.absent) {
    return [crit(`${id}.absent`, `there is no container ${who}`, candidates.length === 0, candidates.length ? `${candidates[0]!.name} still exists` : `no ${who}`)];
  }
  if (candidates.length === 0) {
    return evaluateContainer(ctx, placeholder(), g, who, id, first).map((r, i) =>
      i === 0 ? crit(r.id, r.label, false, `there is no container ${g.name ? `named ${who}` : who}`) : crit(r.id, r.label, false, `no container ${who} to check yet`, [id]),
    );
  }
  // With several candidates (match by image), grade the one that meets the most criteria.
  let best: Graded[] | null = null;
  for (const c of candidates) {
    const r = evaluateContainer(ctx, c, g, who, id, first);
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
