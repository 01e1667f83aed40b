import { nodeReady } from '../docker/swarm/nodes';
import type { SwarmCluster } from '../docker/types';
import type { DockerWorld } from '../docker/world';
import { crit, listWords, type Graded } from './criteria';
import type { NodeGoal, ServiceGoal } from './goal';
import { imageMatches } from './images';
import { nodeHost, nodeNamed, runningTasks, serviceNamed, serviceNetworkNames } from './swarm-view';

/** Nodes and services as a manager's `docker node ls` and `docker service inspect/ps` show them. */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function checkNode(world: DockerWorld, cluster: SwarmCluster, g: NodeGoal): Graded[] {
  const id = `nodes.${g.name}`;
  const labels = new Map(nodeLabels(g).map((x) => [x.id, x.label]));
  const node = nodeNamed(cluster, g.name);
  const out: Graded[] = [crit(id, labels.get(id)!, !!node, node ? `${g.name} is a ${node.role} of the swarm` : `${g.name} is not in the swarm`)];
  const missing = `${g.name} is not in the swarm`;
  if (g.role !== undefined) {
    const ok = node?.role === g.role;
    out.push(crit(`${id}.role`, labels.get(`${id}.role`)!, ok, node ? (ok ? `${g.name} is a ${node.role}` : `${g.name} is a ${node.role}, not a ${g.role}`) : missing, [id]));
  }
  if (g.status !== undefined) {
    const got = node ? (nodeReady(world, cluster, node) ? 'ready' : 'down') : null;
    const ok = got === g.status;
    out.push(crit(`${id}.status`, labels.get(`${id}.status`)!, ok, node ? (ok ? `${g.name} is ${got}` : `${g.name} is ${got}${node.left ? ' (it left the swarm)' : ''}, not ${g.status}`) : missing, [id]));
  }
  if (g.availability !== undefined) {
    const ok = node?.availability === g.availability;
    out.push(crit(`${id}.availability`, labels.get(`${id}.availability`)!, ok, node ? (ok ? `${g.name} is ${node.availability}` : `${g.name} is ${node.availability}, not ${g.availability}`) : missing, [id]));
  }
  return out;
}

/** Every criterion of a node or service goal, all failing for the same reason (no swarm, no such service). */
export function failedItem(ids: { id: string; label: string }[], message: string, cause: string | undefined): Graded[] {
  return ids.map(({ id, label }, i) => crit(id, label, false, message, cause ? [cause] : i === 0 ? [] : [ids[0]!.id]));
}

export function nodeLabels(g: NodeGoal): { id: string; label: string }[] {
  const id = `nodes.${g.name}`;
  const out = [{ id, label: `${g.name} is a node of the swarm` }];
  if (g.role !== undefined) out.push({ id: `${id}.role`, label: `${g.name} is a ${g.role}` });
  if (g.status !== undefined) out.push({ id: `${id}.status`, label: `${g.name} is ${g.status}` });
  if (g.availability !== undefined) out.push({ id: `${id}.availability`, label: `${g.name}'s availability is ${g.availability}` });
  return out;
}

export function serviceLabels(g: ServiceGoal): { id: string; label: string }[] {
  const id = `services.${g.name}`;
  const s = g.name;
  const out = [{ id, label: `service ${s} exists` }];
  if (g.image !== undefined) out.push({ id: `${id}.image`, label: `${s} runs the ${g.image} image` });
  if (g.mode !== undefined) out.push({ id: `${id}.mode`, label: `${s} is a ${g.mode} service` });
  if (g.replicas !== undefined) out.push({ id: `${id}.replicas`, label: `${s} asks for ${plural(g.replicas, 'replica')}` });
  if (g.running !== undefined) out.push({ id: `${id}.running`, label: `${plural(g.running, 'task')} of ${s} running` });
  if (g.endpointMode !== undefined) out.push({ id: `${id}.endpointMode`, label: `${s} uses endpoint mode ${g.endpointMode}` });
  for (const n of g.networks ?? []) out.push({ id: `${id}.networks.${n}`, label: `${s} is attached to ${n}` });
  if (g.onlyTheseNetworks) out.push({ id: `${id}.only`, label: `${s} is on no other network` });
  if (g.ports && g.ports.length === 0) out.push({ id: `${id}.ports`, label: `${s} publishes no port` });
  for (const p of g.ports ?? []) out.push({ id: `${id}.ports.${p.published}/${p.protocol}`, label: `${s} publishes ${p.published}/${p.protocol}${p.target ? ` to ${p.target}` : ''} (${p.mode} mode)` });
  if (g.tasksOn !== undefined) out.push({ id: `${id}.tasksOn`, label: `${s}'s tasks run on ${listWords(g.tasksOn)} only` });
  return out;
}

export function checkService(cluster: SwarmCluster, g: ServiceGoal): Graded[] {
  const id = `services.${g.name}`;
  const labels = new Map(serviceLabels(g).map((x) => [x.id, x.label]));
  const label = (key: string) => labels.get(key === '' ? id : `${id}.${key}`)!;
  const svc = serviceNamed(cluster, g.name);
  if (!svc) return failedItem(serviceLabels(g), `there is no service named ${g.name}`, undefined).map((c, i) => (i === 0 ? c : { ...c, message: `no service ${g.name} to check yet` }));
  const s = g.name;
  const out: Graded[] = [crit(id, label(''), true, `${s} exists`)];
  const field = (key: string, pass: boolean, message: string, causes: string[] = [id]) => out.push(crit(`${id}.${key}`, label(key), pass, message, causes));
  const spec = svc.spec;
  const mode = spec.mode === 'global' ? 'global' : 'replicated';
  if (g.image !== undefined) {
    const ok = imageMatches(spec.image, g.image);
    field('image', ok, ok ? `${s} runs ${spec.image}` : `${s} runs ${spec.image}, not ${g.image}`);
  }
  if (g.mode !== undefined) field('mode', mode === g.mode, mode === g.mode ? `${s} is ${mode}` : `${s} is a ${mode} service, not ${g.mode}`);
  if (g.replicas !== undefined) {
    const got = spec.mode === 'global' ? null : spec.mode.replicas;
    field('replicas', got === g.replicas, got === null ? `${s} is a global service: one task per node, no replica count` : got === g.replicas ? `${s} asks for ${plural(got, 'replica')}` : `${s} asks for ${plural(got, 'replica')}, not ${g.replicas}`);
  }
  const running = runningTasks(cluster, svc);
  if (g.running !== undefined) {
    const count = mode === 'global' ? new Set(running.map((t) => t.nodeId)).size : running.length;
    const where = running.length ? ` (on ${listWords([...new Set(running.map((t) => nodeHost(cluster, t)))])})` : '';
    const causes = g.replicas !== undefined ? [id, `${id}.replicas`] : [id];
    field('running', count === g.running, count === g.running ? `${plural(count, 'task')} running${where}` : `${plural(count, 'task')} of ${s} running${where}, not ${g.running}`, causes);
  }
  if (g.endpointMode !== undefined) field('endpointMode', spec.endpointMode === g.endpointMode, spec.endpointMode === g.endpointMode ? `${s} uses ${spec.endpointMode}` : `${s} uses endpoint mode ${spec.endpointMode}, not ${g.endpointMode}`);
  const nets = serviceNetworkNames(cluster, svc);
  for (const n of g.networks ?? []) {
    const ok = nets.includes(n);
    field(`networks.${n}`, ok, ok ? `${s} is attached to ${n}` : nets.length ? `${s} is on ${listWords(nets)}, not on ${n}` : `${s} is on no network of its own, not on ${n}`, [id, `networks.${n}`]);
  }
  if (g.onlyTheseNetworks) {
    const extra = nets.filter((n) => !(g.networks ?? []).includes(n));
    field('only', extra.length === 0, extra.length ? `${s} is also attached to ${listWords(extra)}` : `${s} is only on ${listWords(nets) || 'no network'}`);
  }
  const published = spec.ports.map((p) => `${p.published}:${p.target}/${p.protocol} (${p.mode})`);
  if (g.ports && g.ports.length === 0) {
    field('ports', spec.ports.length === 0, spec.ports.length ? `${s} publishes ${listWords(published)}` : `${s} publishes nothing`);
  }
  for (const p of g.ports ?? []) {
    const key = `${p.published}/${p.protocol}`;
    const same = spec.ports.filter((x) => x.published === p.published && x.protocol === p.protocol);
    const hit = same.find((x) => (p.target === undefined || x.target === p.target) && x.mode === p.mode);
    const other = same[0];
    const message = hit
      ? `${s} publishes ${key} to ${hit.target} (${hit.mode} mode)`
      : other
        ? other.mode !== p.mode
          ? `${s} publishes ${key} in ${other.mode} mode, not ${p.mode}${p.mode === 'ingress' ? ' (the routing mesh)' : ''}`
          : `${s} publishes ${key} to ${other.target}, not to ${p.target}`
        : published.length
          ? `${s} does not publish ${key}; it publishes ${listWords(published)}`
          : `${s} publishes nothing`;
    field(`ports.${key}`, !!hit, message);
  }
  if (g.tasksOn !== undefined) {
    const off = running.filter((t) => !g.tasksOn!.includes(nodeHost(cluster, t)));
    const offHosts = [...new Set(off.map((t) => nodeHost(cluster, t)))];
    field('tasksOn', off.length === 0, off.length ? `${plural(off.length, 'task')} of ${s} run${off.length === 1 ? 's' : ''} on ${listWords(offHosts)}` : running.length ? `every running task is on ${listWords([...new Set(running.map((t) => nodeHost(cluster, t)))])}` : `${s} has no running task`);
  }
  return out;
}
