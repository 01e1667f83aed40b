import { describe, expect, it } from 'vitest';
import { createLab, type LabImpl } from '../lab/lab';
import { checkGoal, type CheckReport, type GoalInput } from '../index';
import type { EngineApi } from '../docker/api';
import type { ServiceSpec } from '../docker/types';

/**
 * The goal language across hosts, through labs: containers placed with `host`, probes between
 * hosts and from the LAN, nodes and services of a swarm driven through each host's Engine API
 * (the swarm CLI is built elsewhere; its services run on the default bridge until the overlay
 * data plane lands).
 */

const INIT = { advertiseAddr: null, availability: 'active' as const, defaultAddrPool: '10.0.0.0/8', subnetSize: 24, dataPathPort: 4789 };

function spec(name: string, replicas: number | 'global', extra: Partial<ServiceSpec> = {}): ServiceSpec {
  return { name, image: 'nginx', mode: replicas === 'global' ? 'global' : { replicas }, networks: [], ports: [], endpointMode: 'vip', constraints: [], labels: {}, env: [], args: null, ...extra };
}

async function lab(hosts: string[], lines: Record<string, string[]> = {}): Promise<{ lab: LabImpl; e: (h: string) => EngineApi; run: (host: string, line: string) => Promise<void> }> {
  const l = createLab({ hosts, seed: 3 });
  const sessions = new Map(hosts.map((h) => [h, l.openSession(h)]));
  const run = async (host: string, line: string) => {
    const r = await sessions.get(host)!.run(line);
    if (r.exitCode !== 0) throw new Error(`${host}$ ${line}: ${r.output}`);
  };
  for (const [host, list] of Object.entries(lines)) for (const line of list) await run(host, line);
  return { lab: l, e: (h) => l.rt.daemon(h)!, run };
}

async function swarm(hosts: string[], managers: string[] = []): Promise<Awaited<ReturnType<typeof lab>>> {
  const x = await lab(hosts);
  expect(x.e(hosts[0]!).swarmInit(INIT).ok).toBe(true);
  for (const h of hosts.slice(1)) {
    const t = x.e(hosts[0]!).swarmJoinToken(managers.includes(h) ? 'manager' : 'worker', false);
    if (!t.ok) throw new Error(t.error);
    const r = x.e(h).swarmJoin(t.value.token, t.value.managerAddr, null);
    if (!r.ok) throw new Error(r.error);
  }
  return x;
}

function report(l: LabImpl, goal: GoalInput): CheckReport {
  const r = checkGoal(l, goal);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

const byId = (r: CheckReport) => new Map(r.criteria.map((c) => [c.id, c]));
const failing = (r: CheckReport) => r.criteria.filter((c) => !c.pass).map((c) => c.id);

describe('containers and probes on several hosts', () => {
  it('an item on another host carries @host in its ids; first-host ids are unchanged', async () => {
    const { lab: l } = await lab(['host1', 'host2'], { host1: ['docker run -dit --name client alpine'], host2: ['docker run -d --name api -p 8080:80 nginx'] });
    const goal: GoalInput = {
      containers: [
        { name: 'client', state: 'running' },
        { name: 'api', host: 'host2', state: 'running', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] },
        { name: 'api', host: 'host1', state: 'running' },
      ],
    };
    const r = report(l, goal);
    expect(r.criteria.map((c) => [c.id, c.pass])).toEqual([
      ['containers.client', true],
      ['containers.client.state', true],
      ['containers.api@host2', true],
      ['containers.api@host2.image', true],
      ['containers.api@host2.state', true],
      ['containers.api@host2.ports.80/tcp', true],
      ['containers.api', false],
      ['containers.api.state', false],
    ]);
    expect(byId(r).get('containers.api@host2.state')!.message).toBe('api on host2 is running');
    expect(byId(r).get('containers.api')!.message).toBe('there is no container named api');
    expect(byId(r).get('containers.api.state')!.dependsOn).toBe('containers.api');
  });

  it('probes run from a container on host2, from the laptop to any node, and across hosts', async () => {
    const { lab: l } = await lab(['host1', 'host2'], {
      host1: ['docker run -dit --name client alpine'],
      host2: ['docker run -d --name api -p 8080:80 nginx', 'docker run -dit --name tools alpine'],
    });
    const r = report(l, {
      probes: [
        { id: 'laptop-gets-api', http: { from: 'laptop', url: 'http://192.168.1.12:8080/', status: 200, contains: 'Welcome to nginx' } },
        { id: 'client-gets-api', http: { from: 'client', url: 'http://192.168.1.12:8080/', status: 200 } },
        { id: 'tools-reaches-laptop', reach: { from: 'tools@host2', to: 'laptop', by: 'address', expect: 'reachable' } },
        { id: 'client-cannot-reach-tools', reach: { from: 'client', to: 'tools@host2', by: 'address', expect: 'blocked' } },
        { id: 'tools-resolves-client', resolve: { from: 'tools@host2', name: 'client', expect: 'fails' } },
        { id: 'host2-gets-api', http: { from: 'host2', url: 'http://localhost:8080/', status: 200 } },
      ],
    });
    expect(failing(r)).toEqual([]);
    const m = byId(r);
    expect(m.get('probes.client-cannot-reach-tools')!.label).toBe('client cannot reach tools on host2 by address (ping)');
    expect(m.get('probes.client-cannot-reach-tools')!.message).toMatch(/^client cannot reach tools on host2 \(172\.17\.0\.\d+\): no answer$/);
    expect(m.get('probes.tools-reaches-laptop')!.message).toBe('tools on host2 reaches laptop (192.168.1.100)');
  });

  it('http with eachNode asks every Docker host, one criterion naming the nodes that fail', async () => {
    const goal: GoalInput = { probes: [{ id: 'every-node', http: { from: 'laptop', url: 'http://{node}:8080/', eachNode: true, status: 200, contains: 'Welcome to nginx' } }] };
    const web = 'docker run -d --name web -p 8080:80 nginx';
    const all = await lab(['host1', 'host2', 'host3'], { host1: [web], host2: [web], host3: [web] });
    const ok = report(all.lab, goal);
    expect(ok.pass).toBe(true);
    expect(ok.criteria[0]!.label).toBe('GET http://{node}:8080/ from laptop answers 200 with "Welcome to nginx" on every node');
    expect(ok.criteria[0]!.message).toBe('http://{node}:8080/ answered 200 on host1, host2 and host3');
    const two = await lab(['host1', 'host2', 'host3'], { host1: [web], host3: [web] });
    expect(report(two.lab, goal).criteria[0]!.message).toBe('http://192.168.1.12:8080/ from laptop: connection refused (host2)');
    await two.run('host3', 'iptables -I DOCKER-USER -s 192.168.1.100 -j DROP');
    expect(report(two.lab, goal).criteria[0]!.message).toBe(
      'http://192.168.1.12:8080/ from laptop: connection refused (host2); http://192.168.1.13:8080/ from laptop: no answer (timed out) (host3)',
    );
  });

  it('a local network on another host is networks.<name>@host; a bridge is not the overlay a goal asks for', async () => {
    const { lab: l } = await lab(['host1', 'host2'], { host2: ['docker network create --subnet 10.60.2.0/24 apps'] });
    const r = report(l, {
      networks: [
        { name: 'apps', host: 'host2', driver: 'bridge', subnet: '10.60.2.0/24' },
        { name: 'apps', driver: 'bridge' },
        { name: 'apps', host: 'host2', driver: 'overlay', attachable: true },
      ],
    });
    expect(r.criteria.map((c) => [c.id, c.pass, c.message])).toEqual([
      ['networks.apps@host2', true, 'apps on host2 exists (driver bridge)'],
      ['networks.apps@host2.driver', true, 'apps on host2 uses bridge'],
      ['networks.apps@host2.subnet', true, 'apps on host2 is on 10.60.2.0/24'],
      ['networks.apps', false, 'there is no network named apps'],
      ['networks.apps.driver', false, 'network apps does not exist yet'],
      ['networks.apps@host2', true, 'apps on host2 exists (driver bridge)'],
      ['networks.apps@host2.driver', false, 'apps on host2 uses the bridge driver, not overlay'],
      ['networks.apps@host2.attachable', false, 'apps on host2 is not attachable (create it with --attachable)'],
    ]);
  });
});

describe('nodes and services of a swarm', () => {
  it('without a swarm every node and service criterion fails for that reason, folded under the first', async () => {
    const { lab: l } = await lab(['host1', 'host2']);
    const r = report(l, { nodes: [{ name: 'host1', role: 'manager' }], services: [{ name: 'web', replicas: 2 }] });
    expect(r.criteria.map((c) => [c.id, c.message, c.dependsOn])).toEqual([
      ['nodes.host1', 'host1 is not in a swarm', undefined],
      ['nodes.host1.role', 'host1 is not in a swarm', 'nodes.host1'],
      ['services.web', 'host1 is not in a swarm', 'nodes.host1'],
      ['services.web.replicas', 'host1 is not in a swarm', 'nodes.host1'],
    ]);
  });

  it('nodes: role, status from heartbeats over the LAN, availability', async () => {
    const x = await swarm(['host1', 'host2', 'host3'], ['host2']);
    const goal: GoalInput = {
      nodes: [
        { name: 'host1', role: 'manager', status: 'ready' },
        { name: 'host2', role: 'manager', status: 'ready' },
        { name: 'host3', role: 'manager', status: 'ready', availability: 'active' },
      ],
    };
    let r = report(x.lab, goal);
    expect(failing(r)).toEqual(['nodes.host3.role']);
    expect(byId(r).get('nodes.host3.role')!.message).toBe('host3 is a worker, not a manager');
    expect(x.e('host1').nodeSetRole('host3', 'manager').ok).toBe(true);
    expect(x.e('host1').nodeUpdate('host3', { availability: 'drain' }).ok).toBe(true);
    await x.run('host1', 'iptables -I INPUT -s 192.168.1.13 -p tcp --dport 2377 -j DROP');
    r = report(x.lab, goal);
    expect(failing(r)).toEqual(['nodes.host3.status', 'nodes.host3.availability']);
    expect(byId(r).get('nodes.host3.status')!.message).toBe('host3 is down, not ready');
    expect(byId(r).get('nodes.host3.availability')!.message).toBe('host3 is drain, not active');
    expect(report(x.lab, { nodes: [{ name: 'host4' }] }).criteria[0]!.message).toBe('host4 is not in the swarm');
  });

  it('services: image without tag, mode, replicas, running, endpoint mode, ports, tasksOn', async () => {
    const x = await swarm(['host1', 'host2', 'host3']);
    const created = x.e('host1').serviceCreate(spec('shop', 2, { image: 'nginx:1.29', ports: [{ protocol: 'tcp', target: 80, published: 8080, mode: 'host' }] }), []);
    if (!created.ok) throw new Error(created.error);
    await x.e('host1').reconcile();
    const goal: GoalInput = {
      services: [
        { name: 'shop', image: 'nginx', mode: 'replicated', replicas: 2, running: 2, endpointMode: 'vip', ports: [{ published: 8080, target: 80, mode: 'ingress' }], tasksOn: ['host1', 'host2'] },
        { name: 'api', ports: [] },
      ],
    };
    const r = report(x.lab, goal);
    const m = byId(r);
    expect(failing(r)).toEqual(['services.shop.ports.8080/tcp', 'services.api', 'services.api.ports']);
    expect(m.get('services.shop.image')!.message).toBe('shop runs nginx:1.29');
    expect(m.get('services.shop.running')!.message).toBe('2 tasks running (on host1 and host2)');
    expect(m.get('services.shop.ports.8080/tcp')!.message).toBe('shop publishes 8080/tcp in host mode, not ingress (the routing mesh)');
    expect(m.get('services.api.ports')!.dependsOn).toBe('services.api');
    const scaled = x.e('host1').serviceUpdate('shop', (s) => ({ ...s, mode: { replicas: 3 }, ports: [] }));
    if (!scaled.ok) throw new Error(scaled.error);
    await x.e('host1').reconcile();
    await x.e('host1').reconcile();
    const after = byId(report(x.lab, goal));
    expect(after.get('services.shop.replicas')!.message).toBe('shop asks for 3 replicas, not 2');
    expect(after.get('services.shop.running')!.message).toBe('3 tasks of shop running (on host1, host2 and host3), not 2');
    expect(after.get('services.shop.running')!.dependsOn).toBe('services.shop.replicas');
    expect(after.get('services.shop.tasksOn')!.message).toBe('1 task of shop runs on host3');
    expect(after.get('services.shop.ports.8080/tcp')!.message).toBe('shop publishes nothing');
  });

  it('a global service counts the nodes that run its task; a drained node runs none', async () => {
    const x = await swarm(['host1', 'host2', 'host3']);
    x.e('host1').serviceCreate(spec('web', 'global'), []);
    await x.e('host1').reconcile();
    const goal: GoalInput = { services: [{ name: 'web', mode: 'global', running: 3, replicas: 3 }] };
    const r = byId(report(x.lab, goal));
    expect(r.get('services.web.running')!.pass).toBe(true);
    expect(r.get('services.web.replicas')!.message).toBe('web is a global service: one task per node, no replica count');
    x.e('host1').nodeUpdate('host3', { availability: 'drain' });
    await x.e('host1').reconcile();
    expect(byId(report(x.lab, goal)).get('services.web.running')!.message).toBe('2 tasks of web running (on host1 and host2), not 3');
  });

  it('service: endpoints run a probe from every running task and name the task that fails', async () => {
    const x = await swarm(['host1', 'host2', 'host3']);
    await x.run('host2', 'docker run -d --name api -p 8080:80 nginx');
    x.e('host1').serviceCreate(spec('web', 3), []);
    await x.e('host1').reconcile();
    const goal: GoalInput = {
      probes: [
        { id: 'web-calls-api', http: { from: 'service:web', url: 'http://192.168.1.12:8080/', status: 200, contains: 'Welcome to nginx' } },
        { id: 'web-reaches-laptop', reach: { from: 'service:web', to: 'laptop', by: 'address', expect: 'reachable' } },
      ],
    };
    let r = report(x.lab, goal);
    expect(failing(r)).toEqual([]);
    expect(r.criteria[0]!.label).toBe('GET http://192.168.1.12:8080/ from every web task answers 200 with "Welcome to nginx"');
    expect(r.criteria[0]!.message).toBe('http://192.168.1.12:8080/ answered 200 (from all 3 tasks)');
    await x.run('host2', 'iptables -I DOCKER-USER -s 192.168.1.13 -j DROP');
    r = report(x.lab, goal);
    expect(failing(r)).toEqual(['probes.web-calls-api']);
    expect(r.criteria[0]!.message).toBe('http://192.168.1.12:8080/ from web.3 on host3: no answer (timed out)');
    // A service as the target: every task must answer. Default bridges are per host: web.3's
    // 172.17.0.2 on host3 is also web.1's on host1, which answers; web.2 has 172.17.0.3 (api took .2).
    const part = report(x.lab, { probes: [{ reach: { from: 'host1', to: 'service:web', by: 'address', expect: 'reachable' } }] });
    expect(part.criteria[0]!.label).toBe('host1 reaches service web by address (ping)');
    expect(part.criteria[0]!.message).toBe('host1 reaches service web only in part: not web.2 on host2');
    expect(report(x.lab, { probes: [{ reach: { from: 'service:web', to: 'service:web', by: 'address', expect: 'blocked' } }] }).criteria[0]!.pass).toBe(false);
    x.e('host1').serviceRemove('web');
    await x.e('host1').reconcile();
    expect(report(x.lab, goal).criteria[0]!.message).toBe('there is no service named web');
  });
  it('a service created with -d is graded with its routing mesh programmed (no packet moved since)', async () => {
    const x = await swarm(['host1', 'host2', 'host3']);
    // The last command creates the service: nothing has walked a packet since, so the data
    // plane (mesh listeners, DOCKER-INGRESS) is only as fresh as the grader makes it.
    await x.run('host1', 'docker service create -d --name shop --replicas 2 -p 8080:80 nginx');
    const goal: GoalInput = {
      services: [{ name: 'shop', running: 2 }],
      probes: [{ id: 'mesh', http: { from: 'laptop', url: 'http://{node}:8080/', eachNode: true, status: 200, contains: 'Welcome to nginx' } }],
    };
    const r = report(x.lab, goal);
    expect(failing(r)).toEqual([]);
    expect(byId(r).get('probes.mesh')!.message).toBe('http://{node}:8080/ answered 200 on host1, host2 and host3');
  });
});

describe('probes across an overlay', () => {
  it('a probe right after the containers start crosses the hosts: the copy is graded with the swarm\'s FDBs already programmed', async () => {
    const x = await swarm(['host1', 'host2']);
    await x.run('host1', 'docker network create -d overlay --attachable app-net');
    await x.run('host1', 'docker run -dit --name client --network app-net alpine');
    await x.run('host2', 'docker run -dit --name api --network app-net alpine');
    // No packet has moved in the lab since api started, so its data plane is still to be synced.
    const r = report(x.lab, {
      probes: [
        { id: 'there', reach: { from: 'client', to: 'api@host2', by: 'name', expect: 'reachable' } },
        { id: 'back', reach: { from: 'api@host2', to: 'client', by: 'name', expect: 'reachable' } },
      ],
    });
    expect(r.criteria.map((c) => [c.id, c.pass, c.message])).toEqual([
      ['probes.there', true, expect.stringMatching(/^client reaches api on host2 \(10\.0\.1\.\d+\)$/)],
      ['probes.back', true, expect.stringMatching(/^api on host2 reaches client \(10\.0\.1\.\d+\)$/)],
    ]);
  });
});
