/**
 * `docker service …` as a learner types it on a three-node swarm (host1 manager, host2 and host3
 * workers), checked against docker/cli@v28.5.2 cli/command/service/*.go and moby's managers.
 */
import { describe, expect, it } from 'vitest';
import { lines } from './helpers';
import { screen, swarmLab } from './swarm-helpers';

const ID25 = /^[0-9a-z]{25}$/;
const NOT_MANAGER =
  "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n";

/** client/service_create.go digestWarning, printed with Fprintln: four lines and a blank one. */
const digestWarning = (image: string) =>
  `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n\n`;

/** A table's rows as cells split on runs of two or more spaces. */
const cells = (out: string) => lines(out).map((l) => l.trim().split(/\s{2,}/));

describe('docker service create (cli/command/service/create.go, progress/progress.go)', () => {
  it('prints the registry warning, the full ID, then the final progress a terminal shows', async () => {
    const s = swarmLab();
    const r = await s.term('host1').run('docker service create --name web --replicas 3 -p 8080:80 nginx');
    expect(r.code).toBe(0);
    expect(r.err).toBe(digestWarning('nginx:latest'));
    const [id, ...progress] = screen(r.out).split('\n');
    expect(id).toMatch(ID25);
    // jsonmessage.go on a terminal: lines redrawn in place, each ending "status <bar> ".
    const bar = `[${'='.repeat(50)}>] `;
    expect(progress).toEqual([
      'overall progress: 3 out of 3 tasks ',
      `1/3: running   ${bar}`,
      `2/3: running   ${bar}`,
      `3/3: running   ${bar}`,
      `verify: Service ${id} converged `,
      '',
    ]);
    // The raw stream moves the cursor: ESC[nA, erase line, text, ESC[nB.
    expect(r.out).toContain('\x1b[2K\r');
  });

  it('in a pipe prints every update on its own line, and waits out the 5 s window on lab time', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    const before = s.lab.world.clock;
    const r = await t.run('docker service create --name web --replicas 2 nginx | cat');
    const out = lines(r.out);
    expect(out[0]).toMatch(ID25);
    const waits = [5, 4, 3, 2, 1].flatMap((n) => Array<string>(5).fill(`verify: Waiting ${n} seconds to verify that tasks are stable...`));
    expect(out.slice(1)).toEqual([
      'overall progress: 0 out of 2 tasks',
      '1/2:  ',
      '2/2:  ',
      'overall progress: 2 out of 2 tasks',
      ...waits,
      `verify: Service ${out[0]} converged`,
    ]);
    expect(r.out).not.toContain('\x1b');
    // One second for the line, five of verification.
    expect(s.lab.world.clock - before).toBeGreaterThanOrEqual(6000);
  });

  it('-d returns at once, -q waits without progress; the tasks run on every node', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    const d = await t.run('docker service create -d --name web --replicas 3 nginx');
    expect(lines(d.out)).toEqual([expect.stringMatching(ID25)]);
    const q = await t.run('docker service create -q --no-resolve-image --name api --replicas 1 nginx:alpine');
    expect(q.err).toBe('');
    expect(lines(q.out)).toEqual([expect.stringMatching(ID25)]);
    for (const host of ['host1', 'host2', 'host3']) {
      const ps = await s.term(host).run("docker ps --format '{{.Names}}'");
      expect(ps.out).toMatch(/^web\.[123]\.[0-9a-z]{25}$/m);
    }
  });

  it('a service needs no name: the daemon picks one as for containers', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.run('docker service create -d nginx');
    expect((await t.run("docker service ls --format '{{.Name}}'")).out).toMatch(/^[a-z]+_[a-z]+\n$/);
  });

  it("the CLI's and the managers' refusals, with their texts (opts.go ToServiceMode, swarmkit controlapi/service.go)", async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web -p 8080:80 nginx');
    const cases: [string, string, number][] = [
      ['docker service create --mode global --replicas 2 nginx', 'replicas can only be used with replicated or replicated-job mode\n', 1],
      ['docker service create --mode daemon nginx', 'Unknown mode: daemon, only replicated and global supported\n', 1],
      ['docker service create --name web nginx', 'Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists\n', 1],
      ['docker service create --name bad_name- nginx', 'Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component\n', 1],
      ['docker service create --constraint node.role=manager nginx', 'Error response from daemon: rpc error: code = InvalidArgument desc = constraint expected one operator from ==, !=\n', 1],
      ['docker service create --endpoint-mode round nginx', 'Error response from daemon: invalid resolution mode: "round"\n', 1],
      ['docker service create --network bridge nginx', 'Error response from daemon: network bridge not found\n', 1],
      ['docker service create --network ingress nginx', 'Error response from daemon: rpc error: code = InvalidArgument desc = Service cannot be explicitly attached to the ingress network "ingress"\n', 1],
      ['docker service create -p 80:80:80:80 nginx', 'invalid argument "80:80:80:80" for "-p, --publish" flag: invalid port format: 80:80:80:80', 125],
      ['docker service create -p published=8080 nginx', `invalid argument "published=8080" for "-p, --publish" flag: missing mandatory field 'target'`, 125],
      ['docker service create -p target=80,mode=bridge nginx', `invalid argument "target=80,mode=bridge" for "-p, --publish" flag: invalid publish mode value (bridge): must be either 'ingress' or 'host'`, 125],
      ['docker service create -p 127.0.0.1:80:80 nginx', 'invalid argument "127.0.0.1:80:80" for "-p, --publish" flag: hostip is not supported', 125],
      ['docker service create --replicas 500 nginx', 'sim: this lab runs at most 100 replicas of a service\n', 1],
      ['docker service create --mode replicated-job alpine', 'sim: job services (--mode replicated-job) are not part of this lab\n', 1],
    ];
    for (const [line, err, code] of cases) {
      const r = await t.run(line);
      if (code === 125) expect(r.err.split('\n\n')[0], line).toBe(err);
      else expect(r.err, line).toBe(err);
      expect(r.code, line).toBe(code);
      expect(r.out, line).toBe('');
    }
  });

  it('a port published through the mesh belongs to one service (swarmkit controlapi/service.go checkPortConflicts)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    const web = lines((await t.run('docker service create -d --name web -p 8080:80 nginx')).out)[0]!;
    const r = await t.run('docker service create -d --name other -p published=8080,target=8000 nginx');
    expect(r.err).toBe(`Error response from daemon: rpc error: code = InvalidArgument desc = port '8080' is already in use by service 'web' (${web}) as an ingress port\n`);
    expect(r.code).toBe(1);
    // A port left out is picked from 30000-32767 (swarmkit allocator/portallocator.go).
    await t.setup('docker service create -d --name dyn -p 80 nginx');
    expect((await t.run("docker service ls --filter name=dyn --format '{{.Ports}}'")).out).toBe('*:30000->80/tcp\n');
  });

  it('dnsrr cannot publish through the ingress mesh; host-mode ports can (opts/swarmopts/port.go long form)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    const r = await t.run('docker service create --name db --endpoint-mode dnsrr -p 5432:5432 postgres');
    expect(r.err).toBe("Error response from daemon: rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode\n");
    expect(r.code).toBe(1);
    await t.setup('docker service create -d --name db --endpoint-mode dnsrr -p published=5432,target=5432,mode=host,protocol=udp redis');
    expect((await t.run("docker service inspect -f '{{json .Spec.EndpointSpec}}' db")).out).toBe(
      '{"Mode":"dnsrr","Ports":[{"Protocol":"udp","TargetPort":5432,"PublishedPort":5432,"PublishMode":"host"}]}\n',
    );
    // Host-mode ports are not the mesh's: service ls shows none, service ps shows them per task.
    expect(cells((await t.run('docker service ls')).out)[1]![5]).toBeUndefined();
    expect(cells((await t.run('docker service ps db')).out)[1]!.at(-1)).toBe('*:5432->5432/udp');
  });

  it('on a worker every verb gets the managers\' refusal; an unknown network is not found first (opts.go resolveNetworkID)', async () => {
    const s = swarmLab();
    const w = s.term('host2');
    for (const line of ['docker service ls', 'docker service create nginx', 'docker service ps web', 'docker service rm web', 'docker service rollback web', 'docker service logs web']) {
      expect(await w.run(line), line).toMatchObject({ out: '', err: NOT_MANAGER, code: 1 });
    }
    expect(await w.run('docker service scale web=2')).toMatchObject({ err: `web: ${NOT_MANAGER}`, code: 1 });
    expect(await w.run('docker service inspect web')).toMatchObject({ out: '[]\n', err: NOT_MANAGER, code: 1 });
    expect(await w.run('docker service create --network backend nginx')).toMatchObject({ err: 'Error response from daemon: network backend not found\n', code: 1 });
  });
});

describe('a service through its life: ls, ps, scale, update, rollback, rm', () => {
  it('ls shows the mesh ports and running/desired; ps one task per slot on its node (service/list.go, task/print.go)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    const id = lines((await t.run('docker service create -d --name web --replicas 3 -p 8080:80 -p 8081:81 nginx')).out)[0]!;
    await t.setup('docker service create -d --name api --mode global -l tier=back nginx:alpine');
    const ls = lines((await t.run('docker service ls')).out);
    expect(ls[0]).toBe('ID             NAME      MODE         REPLICAS   IMAGE          PORTS');
    expect(ls[2]).toBe(`${id.slice(0, 12)}   web       replicated   3/3        nginx:latest   *:8080-8081->80-81/tcp`);
    expect(cells((await t.run('docker service ls')).out)).toEqual([
      ['ID', 'NAME', 'MODE', 'REPLICAS', 'IMAGE', 'PORTS'],
      [expect.stringMatching(/^[0-9a-z]{12}$/), 'api', 'global', '3/3', 'nginx:alpine'],
      [id.slice(0, 12), 'web', 'replicated', '3/3', 'nginx:latest', '*:8080-8081->80-81/tcp'],
    ]);
    expect((await t.run('docker service ls -q')).out).toMatch(/^[0-9a-z]{12}\n[0-9a-z]{12}\n$/);
    expect((await t.run("docker service ls -f mode=global -f label=tier=back --format '{{.Name}} {{.Mode}}'")).out).toBe('api global\n');
    expect((await t.run('docker service ls -f name=w -q')).out).toBe(`${id.slice(0, 12)}\n`);
    expect(await t.run('docker service ls -f color=red')).toMatchObject({ err: "Error response from daemon: invalid filter 'color'\n", code: 1 });
    const ps = cells((await t.run('docker service ps web')).out);
    expect(ps[0]).toEqual(['ID', 'NAME', 'IMAGE', 'NODE', 'DESIRED STATE', 'CURRENT STATE', 'ERROR', 'PORTS']);
    expect(ps.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5]!.replace(/\d+ seconds/, 'N seconds')])).toEqual([
      ['web.1', 'nginx:latest', 'host1', 'Running', 'Running N seconds ago'],
      ['web.2', 'nginx:latest', 'host2', 'Running', 'Running N seconds ago'],
      ['web.3', 'nginx:latest', 'host3', 'Running', 'Running N seconds ago'],
    ]);
    // A global service's tasks are named by node id (task/print.go generateTaskNames).
    const nodes = s.cluster().nodes;
    const global = cells((await t.run('docker service ps api web')).out).slice(1).map((r) => r[1]);
    expect(global.slice(0, 3).sort()).toEqual(Object.keys(nodes).map((n) => `api.${n}`).sort());
    expect(global.slice(3)).toEqual(['web.1', 'web.2', 'web.3']);
    expect((await t.run("docker service ps -q --no-trunc web")).out).toMatch(/^([0-9a-z]{25}\n){3}$/);
    expect((await t.run("docker service ps -f node=host2 --format '{{.Name}} {{.Node}}' web")).out).toBe('web.2 host2\n');
    expect(await t.run('docker service ps web nope')).toMatchObject({ err: 'no such service: nope\n', code: 1 });
    expect(await t.run('docker service ps nope')).toMatchObject({ out: '', err: 'no such service: nope\n', code: 1 });
    expect((await t.run('docker service ps -f desired-state=paused web')).err).toBe("Error response from daemon: Invalid desired-state filter: 'paused'\n");
  });

  it('scale adds tasks and replaces none; a global service refuses (service/scale.go)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 2 nginx', 'docker service create -d --name api --mode global nginx');
    const before = (await t.run('docker service ps -q web')).out;
    const r = await t.run('docker service scale web=4 api=2 nope=1 web=two');
    const out = screen(r.out).split('\n');
    expect(out[0]).toBe('web scaled to 4');
    expect(out[1]).toBe('overall progress: 4 out of 4 tasks ');
    expect(out.at(-2)).toBe('verify: Service web converged ');
    expect(r.err).toBe(
      [
        'api: scale can only be used with replicated or replicated-job mode',
        'nope: Error response from daemon: service nope not found',
        'web: invalid replicas value two: strconv.ParseUint: parsing "two": invalid syntax',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
    const after = lines((await t.run('docker service ps -q web')).out);
    expect(after).toHaveLength(4);
    for (const id of lines(before)) expect(after).toContain(id);
    expect(await t.run('docker service scale web')).toMatchObject({
      err: "invalid scale specifier 'web'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n",
      code: 1,
    });
    const d = await t.run('docker service scale -d web=1');
    expect(d.out).toBe('web scaled to 1\n');
  });

  it('update replaces tasks one by one and keeps the old ones as history; rollback brings the previous spec back', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 2 nginx');
    const up = await t.run('docker service update --image nginx:1.29 web');
    expect(up.err).toBe(digestWarning('nginx:1.29'));
    expect(screen(up.out).split('\n')).toEqual([
      'web',
      'overall progress: 2 out of 2 tasks ',
      `1/2: running   [${'='.repeat(50)}>] `,
      `2/2: running   [${'='.repeat(50)}>] `,
      'verify: Service web converged ',
      '',
    ]);
    const ps = cells((await t.run('docker service ps web')).out).slice(1);
    expect(ps.map((r) => [r[1], r[2], r[4], r[5]!.split(' ')[0]])).toEqual([
      ['web.1', 'nginx:1.29', 'Running', 'Running'],
      ['\\_ web.1', 'nginx:latest', 'Shutdown', 'Shutdown'],
      ['web.2', 'nginx:1.29', 'Running', 'Running'],
      ['\\_ web.2', 'nginx:latest', 'Shutdown', 'Shutdown'],
    ]);
    expect((await t.run("docker service inspect -f '{{.UpdateStatus.State}} {{.UpdateStatus.Message}}' web")).out).toBe('completed update completed\n');
    expect((await t.run("docker service inspect -f '{{.PreviousSpec.TaskTemplate.ContainerSpec.Image}}' web")).out).toBe('nginx:latest\n');
    const rb = await t.run('docker service rollback web');
    expect(screen(rb.out).split('\n')).toEqual([
      'web',
      'rollback: manually requested rollback ',
      'overall progress: rolling back update: 2 out of 2 tasks ',
      `1/2: running   [${'='.repeat(50)}>] `,
      `2/2: running   [${'='.repeat(50)}>] `,
      'verify: Service web converged ',
      '',
    ]);
    expect(cells((await t.run('docker service ps -f desired-state=running web')).out).slice(1).map((r) => r[2])).toEqual(['nginx:latest', 'nginx:latest']);
    expect((await t.run("docker service inspect -f '{{.UpdateStatus.State}}' web")).out).toBe('rollback_completed\n');
    // A second rollback goes back again; a service never updated has nothing to go back to.
    await t.setup('docker service create -d --name fresh nginx');
    const none = await t.run('docker service rollback fresh');
    expect(none.err).toMatch(/^Error response from daemon: rpc error: code = FailedPrecondition desc = service [0-9a-z]{25} does not have a previous spec\n$/);
    expect(await t.run('docker service update --rollback --replicas 3 web')).toMatchObject({ err: 'other flags may not be combined with --rollback\n', code: 1 });
  });

  it('update flags: env, labels, constraints, ports, replicas, force (service/update.go)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web -e A=1 -e B=2 -l team=x -p 8080:80 nginx');
    const ids = () => t.run('docker service ps -q -f desired-state=running web').then((r) => r.out);
    const first = await ids();
    // Service labels and the replica count change no task.
    await t.setup('docker service update -d --label-add tier=front --label-rm team --replicas 1 web');
    expect(await ids()).toBe(first);
    await t.setup('docker service update -d --env-add B=3 --env-rm A --publish-rm 80 --publish-add published=9090,target=90 --constraint-add node.hostname==host3 web');
    const f = "{{json .Spec.Labels}} {{json .Spec.TaskTemplate.ContainerSpec.Env}} {{json .Spec.TaskTemplate.Placement}} {{json .Spec.EndpointSpec.Ports}}";
    expect((await t.run(`docker service inspect -f '${f}' web`)).out).toBe(
      '{"tier":"front"} ["B=3"] {"Constraints":["node.hostname==host3"]} [{"Protocol":"tcp","TargetPort":90,"PublishedPort":9090,"PublishMode":"ingress"}]\n',
    );
    for (let i = 0; i < 3; i++) await t.run('true');
    expect(cells((await t.run('docker service ps -f desired-state=running web')).out)[1]![3]).toBe('host3');
    const forced = await ids();
    expect(forced).not.toBe(first);
    await t.setup('docker service update --force -d web');
    for (let i = 0; i < 2; i++) await t.run('true');
    expect(await ids()).not.toBe(forced);
    expect(await t.run('docker service update --replicas 2 --mode global web')).toMatchObject({ err: expect.stringMatching(/^unknown flag: --mode\n/), code: 125 });
    await t.setup('docker service create -d --name g --mode global nginx');
    expect(await t.run('docker service update --replicas 2 g')).toMatchObject({ err: 'replicas can only be used with replicated mode\n', code: 1 });
    expect(await t.run('docker service update --restart-condition none -d g')).toMatchObject({
      out: 'g\n',
      err: 'sim: this lab does not model --restart-condition; the service runs without it\n',
      code: 0,
    });
  });

  it('rm echoes each service; an unknown one is an error after the others, exit 1 (service/remove.go)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx', 'docker service create -d --name api nginx');
    const r = await t.run('docker service rm web nope api');
    expect(r).toMatchObject({ out: 'web\napi\n', err: 'Error response from daemon: service nope not found\n', code: 1 });
    expect((await t.run('docker service ls -q')).out).toBe('');
    for (const host of ['host1', 'host2', 'host3']) expect((await s.term(host).run('docker ps -aq')).out, host).toBe('');
  });
});
