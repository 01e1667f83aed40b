/**
 * `docker service inspect` and `docker service logs` on a three-node swarm, checked against
 * docker/cli@v28.5.2 cli/command/service/inspect.go, formatter.go and logs.go, and moby's
 * api/types/swarm structs for the JSON's key order.
 */
import { describe, expect, it } from 'vitest';
import { lines } from './helpers';
import { swarmLab } from './swarm-helpers';

describe('docker service inspect (cli/command/service/inspect.go)', () => {
  it('prints swarm.Service in its struct order, with the defaults the CLI asks the managers to insert', async () => {
    const s = swarmLab();
    const backend = s.overlay('backend');
    const t = s.term('host1');
    const id = lines((await t.run('docker service create -d --name web --network name=backend,alias=db -p 8080:80 -e A=1 --container-label c=d nginx sleep 1000')).out)[0]!;
    const ingress = Object.values(s.cluster().networks).find((n) => n.ingress)!.id;
    // Ingress VIP .5: each of the three nodes took its ingress-sbox address (.2-.4) when it joined
    // (swarmkit allocator/network.go allocateNode), before the service's VIP.
    const json = (await t.run('docker service inspect web')).out.replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"');
    const port = '{\n"Protocol": "tcp",\n"TargetPort": 80,\n"PublishedPort": 8080,\n"PublishMode": "ingress"\n}';
    const update = '{\n"Parallelism": 1,\n"FailureAction": "pause",\n"Monitor": 5000000000,\n"MaxFailureRatio": 0,\n"Order": "stop-first"\n}';
    const expected = `[
{
"ID": "${id}",
"Version": {
"Index": 11
},
"CreatedAt": "<time>",
"UpdatedAt": "<time>",
"Spec": {
"Name": "web",
"Labels": {},
"TaskTemplate": {
"ContainerSpec": {
"Image": "nginx:latest",
"Labels": {
"c": "d"
},
"Args": [
"sleep",
"1000"
],
"Env": [
"A=1"
],
"Init": false,
"StopGracePeriod": 10000000000,
"DNSConfig": {},
"Isolation": "default"
},
"Resources": {
"Limits": {},
"Reservations": {}
},
"RestartPolicy": {
"Condition": "any",
"Delay": 5000000000,
"MaxAttempts": 0
},
"Placement": {},
"Networks": [
{
"Target": "${backend}",
"Aliases": [
"db"
]
}
],
"ForceUpdate": 0,
"Runtime": "container"
},
"Mode": {
"Replicated": {
"Replicas": 1
}
},
"UpdateConfig": ${update},
"RollbackConfig": ${update},
"EndpointSpec": {
"Mode": "vip",
"Ports": [
${port}
]
}
},
"Endpoint": {
"Spec": {
"Mode": "vip",
"Ports": [
${port}
]
},
"Ports": [
${port}
],
"VirtualIPs": [
{
"NetworkID": "${ingress}",
"Addr": "10.0.0.5/24"
},
{
"NetworkID": "${backend}",
"Addr": "10.0.1.2/24"
}
]
}
}
]
`;
    expect(json.replace(/^ +/gm, '')).toBe(expected);
    // Indented by four, as docker's IndentedInspector writes it.
    expect(json).toContain('\n    {\n        "ID"');
  });

  it('a service with no network and no port has an empty Endpoint; PreviousSpec appears after an update, without defaults', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web nginx', 'docker service update -d --image nginx:1.29 web');
    expect((await t.run("docker service inspect -f '{{json .Endpoint}}' web")).out).toBe('{"Spec":{}}\n');
    expect((await t.run("docker service inspect -f '{{json .PreviousSpec.TaskTemplate}}' web")).out).toBe(
      '{"ContainerSpec":{"Image":"nginx:latest","Init":false,"DNSConfig":{},"Isolation":"default"},"Resources":{"Limits":{},"Reservations":{}},"Placement":{},"ForceUpdate":0,"Runtime":"container"}\n',
    );
    expect((await t.run("docker service inspect -f '{{.Spec.Mode.Replicated.Replicas}} {{.UpdateStatus.Message}}' web")).out).toMatch(/^1 update (in progress|completed)\n$/);
  });

  it('--pretty runs formatter.go serviceInspectPrettyTemplate', async () => {
    const s = swarmLab();
    s.overlay('backend');
    const t = s.term('host1');
    const id = lines((await t.run('docker service create -d --name web --network backend -l team=web --replicas 2 -p 8080:80 -e A=1 nginx sleep 1000')).out)[0]!;
    expect((await t.run('docker service inspect --pretty web')).out).toBe(
      [
        '',
        `ID:\t\t${id}`,
        'Name:\t\tweb',
        'Labels:',
        ' team=web',
        'Service Mode:\tReplicated',
        ' Replicas:\t2',
        'Placement:',
        'UpdateConfig:',
        ' Parallelism:\t1',
        ' On failure:\tpause',
        ' Monitoring Period: 5s',
        ' Max failure ratio: 0',
        ' Update order:      stop-first',
        'RollbackConfig:',
        ' Parallelism:\t1',
        ' On failure:\tpause',
        ' Monitoring Period: 5s',
        ' Max failure ratio: 0',
        ' Rollback order:    stop-first',
        'ContainerSpec:',
        ' Image:\t\tnginx:latest',
        ' Args:\t\tsleep 1000 ',
        ' Env:\t\tA=1 ',
        ' Init:\t\tfalse',
        'Resources:',
        'Networks: backend ',
        'Endpoint Mode:\tvip',
        'Ports:',
        ' PublishedPort = 8080',
        '  Protocol = tcp',
        '  TargetPort = 80',
        '  PublishMode = ingress ',
        '',
        '',
      ].join('\n'),
    );
    expect(await t.run('docker service inspect --pretty -f json web')).toMatchObject({ err: '--format is incompatible with human friendly format\n', code: 1 });
    expect(await t.run('docker service inspect -f prettyx web')).toMatchObject({ err: 'Cannot supply extra formatting options to the pretty template\n', code: 1 });
  });

  it('names a missing service the CLI way, after the ones it found', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web nginx');
    expect(await t.run("docker service inspect -f '{{.Spec.Name}}' web nope")).toMatchObject({ out: 'web\n', err: 'Error: no such service: nope\n', code: 1 });
    expect(await t.run('docker service inspect nope')).toMatchObject({ out: '[]\n', err: 'Error: no such service: nope\n', code: 1 });
  });
});

describe('docker service logs (cli/command/service/logs.go)', () => {
  it('prefixes each line with task.slot.id@node, the slot padded to the widest replica number', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name say --replicas 10 alpine sh -c "echo hello; sleep 100"');
    const out = lines((await t.run('docker service logs say')).out);
    expect(out).toHaveLength(10);
    const ids = new Map(lines((await t.run("docker service ps --format '{{.Name}} {{.ID}} {{.Node}}' say")).out).map((l) => l.split(' ') as [string, string, string]).map(([n, id, node]) => [n, `${id}@${node}`]));
    expect(out).toContain(`say.1.${ids.get('say.1')}     | hello`);
    expect(out).toContain(`say.10.${ids.get('say.10')}    | hello`);
    expect((await t.run('docker service logs --no-task-ids --tail 1 say')).out).toMatch(/^say\.1@host1     \| hello\n/);
    expect((await t.run('docker service logs --raw say')).out).toBe('hello\n'.repeat(10));
    const full = lines((await t.run('docker service logs --no-trunc say')).out)[0]!;
    expect(full).toMatch(/^say\.\d+\.[0-9a-z]{25}@host\d +\| hello$/);
  });

  it('one task by id; a global task is slot 0; unknown names are neither task nor service', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name g --mode global alpine sh -c "echo hi; sleep 100"');
    const task = lines((await t.run('docker service ps -q -f node=host2 g')).out)[0]!;
    expect((await t.run(`docker service logs ${task}`)).out).toBe(`g.0.${task.slice(0, 12)}@host2    | hi\n`);
    expect((await t.run('docker service logs --no-task-ids g')).out.split('\n').sort().join('\n')).toBe('\ng.0@host1    | hi\ng.0@host2    | hi\ng.0@host3    | hi');
    expect(await t.run('docker service logs nope')).toMatchObject({ out: '', err: 'no such task or service: nope\n', code: 1 });
  });

  it('-f follows the running tasks until their containers stop (as docker logs -f does)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name once --replicas 2 alpine sh -c "echo start; sleep 3; echo stop"');
    const r = await t.run('docker service logs -f --no-task-ids once');
    expect(lines(r.out).sort()).toEqual(['once.1@host1    | start', 'once.1@host1    | stop', 'once.2@host2    | start', 'once.2@host2    | stop']);
    expect(r.code).toBe(0);
  });
});

describe('docker service update --network-add/--network-rm (service/update.go updateNetworks)', () => {
  it('attaches and detaches overlays; a network already attached is refused', async () => {
    const s = swarmLab();
    const front = s.overlay('front');
    const back = s.overlay('back');
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --network front nginx');
    expect(await t.run('docker service update -d --network-add front web')).toMatchObject({ err: 'service is already attached to network front\n', code: 1 });
    await t.setup('docker service update -d --network-add name=back,alias=api --network-rm front web');
    expect((await t.run("docker service inspect -f '{{json .Spec.TaskTemplate.Networks}}' web")).out).toBe(`[{"Target":"${back}","Aliases":["api"]}]\n`);
    expect((await t.run("docker service inspect -f '{{range .Endpoint.VirtualIPs}}{{.NetworkID}} {{end}}' web")).out).toBe(`${back} \n`);
    expect(front).not.toBe(back);
    expect(await t.run('docker service update -d --network-rm nowhere web')).toMatchObject({ err: 'Error response from daemon: network nowhere not found\n', code: 1 });
  });
});
