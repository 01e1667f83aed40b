/**
 * Error texts and exit codes, Docker 28 wording (reference §0.2, §0.3, §2). Each case names the line a
 * learner types and exactly what lands on stdout and stderr.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newTerm, type Term } from './helpers';

const ID64 = '[0-9a-f]{64}';

interface Case {
  line: string;
  err: string | RegExp;
  code: number;
  out?: string;
}

async function check(t: Term, c: Case): Promise<void> {
  const r = await t.run(c.line);
  if (typeof c.err === 'string') expect(r.err, c.line).toBe(c.err);
  else expect(r.err, c.line).toMatch(c.err);
  expect(r.code, c.line).toBe(c.code);
  expect(r.out, c.line).toBe(c.out ?? '');
}

describe('the CLI itself: commands, flags, argument counts', () => {
  const t = newTerm();
  const cases: Case[] = [
    { line: 'docker foo', err: "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n", code: 1 },
    {
      // cli/required.go NoArgs prints the group's UseLine, which is just "docker network" (checked with the docker 28 CLI).
      line: 'docker network foo',
      err: "docker: unknown command: docker network foo\n\nUsage:  docker network\n\nRun 'docker network --help' for more information\n",
      code: 1,
    },
    {
      line: 'docker run --foo alpine',
      err: "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
      code: 125,
    },
    {
      line: 'docker run -z alpine',
      err: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
      code: 125,
    },
    {
      line: 'docker ps --foo',
      err: "unknown flag: --foo\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
      code: 125,
    },
    {
      line: 'docker network ls -z',
      err: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker network ls [OPTIONS]\n\nRun 'docker network ls --help' for more information\n",
      code: 125,
    },
    {
      line: 'docker run --name',
      err: "flag needs an argument: --name\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
      code: 125,
    },
    {
      line: 'docker network create',
      err: "docker: 'docker network create' requires 1 argument\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nRun 'docker network create --help' for more information\n",
      code: 1,
    },
    {
      line: 'docker network create a1 b1',
      err: "docker: 'docker network create' requires 1 argument\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nRun 'docker network create --help' for more information\n",
      code: 1,
    },
    {
      line: 'docker network connect',
      err: "docker: 'docker network connect' requires 2 arguments\n\nUsage:  docker network connect [OPTIONS] NETWORK CONTAINER\n\nRun 'docker network connect --help' for more information\n",
      code: 1,
    },
    {
      line: 'docker run',
      err: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n",
      code: 1,
    },
    {
      line: 'docker rm',
      err: "docker: 'docker rm' requires at least 1 argument\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker rm --help' for more information\n",
      code: 1,
    },
    {
      line: 'docker exec c1',
      err: "docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n",
      code: 1,
    },
  ];
  for (const c of cases) it(c.line, () => check(t, c));

  it('docker --version and docker -v print the client version', async () => {
    expect(await t.run('docker --version')).toMatchObject({ out: 'Docker version 28.5.2, build ecc6942\n', code: 0 });
    expect((await t.run('docker -v')).out).toBe('Docker version 28.5.2, build ecc6942\n');
  });

  // docker/cli@v28.5.2 cmd/docker/docker.go: the root's RunE is command.ShowHelp(dockerCli.Err()) — stderr, exit 0;
  // `docker --help` prints the same text on stdout. Neither starts with an empty line.
  it('docker with no arguments prints the usage on stderr and exits 0', async () => {
    const r = await t.run('docker');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err.startsWith('Usage:  docker [OPTIONS] COMMAND\n')).toBe(true);
    expect((await t.run('docker --help')).out).toBe(r.err);
  });

  it('--help on a subcommand prints its usage and exits 0', async () => {
    const r = await t.run('docker network create --help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage:  docker network create [OPTIONS] NETWORK');
    expect(r.out).toContain('--subnet');
  });
});

describe('missing objects', () => {
  const t = newTerm();
  const cases: Case[] = [
    { line: 'docker rm nope', err: 'Error response from daemon: No such container: nope\n', code: 1 },
    { line: 'docker stop nope', err: 'Error response from daemon: No such container: nope\n', code: 1 },
    { line: 'docker exec nope ls', err: 'Error response from daemon: No such container: nope\n', code: 1 },
    { line: 'docker logs nope', err: 'Error response from daemon: No such container: nope\n', code: 1 },
    { line: 'docker start nope', err: 'Error response from daemon: No such container: nope\nError: failed to start containers: nope\n', code: 1 },
    { line: 'docker network inspect nope', out: '[]\n', err: 'Error response from daemon: network nope not found\n', code: 1 },
    { line: 'docker inspect nope', out: '[]\n', err: 'Error: No such object: nope\n', code: 1 },
    { line: 'docker container inspect nope', out: '[]\n', err: 'Error response from daemon: No such container: nope\n', code: 1 },
    { line: 'docker network rm nope', err: 'Error response from daemon: network nope not found\n', code: 1 },
    { line: 'docker rmi nope', err: 'Error response from daemon: No such image: nope:latest\n', code: 1 },
    // The daemon looks the container up before the network (moby daemon/network.go ConnectContainerToNetwork).
    { line: 'docker network connect nope nope', err: 'Error response from daemon: No such container: nope\n', code: 1 },
    { line: 'docker network connect bridge nope', err: 'Error response from daemon: No such container: nope\n', code: 1 },
    {
      // The image is pulled first (the daemon needs it to create the container), then the network lookup fails.
      line: 'docker run --network nonet alpine',
      err: /docker: Error response from daemon: network nonet not found\n\nRun 'docker run --help' for more information\n$/,
      code: 125,
    },
    {
      line: 'docker pull nope',
      out: 'Using default tag: latest\n',
      err: "Error response from daemon: pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
      code: 1,
    },
    {
      line: 'docker run nope',
      err: "Unable to find image 'nope:latest' locally\ndocker: Error response from daemon: pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n",
      code: 125,
    },
  ];
  for (const c of cases) it(c.line, () => check(t, c));

  it('docker network inspect with one good and one missing network prints the good one, then the error', async () => {
    const r = await t.run('docker network inspect bridge nope');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toHaveLength(1);
    expect(r.err).toBe('Error response from daemon: network nope not found\n');
  });
});

describe('containers: names, state, run failures', () => {
  let t: Term;
  beforeAll(async () => {
    t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
  });

  it('a duplicate name is a conflict naming the full id of the holder', async () => {
    const id = (await t.run(`docker inspect -f '{{.Id}}' c1`)).out.trim();
    await check(t, {
      line: 'docker run -dit --name c1 alpine',
      err: `docker: Error response from daemon: Conflict. The container name "/c1" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n`,
      code: 125,
    });
    await check(t, {
      line: 'docker create --name c1 alpine',
      err: `docker: Error response from daemon: Conflict. The container name "/c1" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker create --help' for more information\n`,
      code: 125,
    });
  });

  it('invalid names are refused (at least two characters of [a-zA-Z0-9_.-])', async () => {
    for (const bad of ['"bad name"', 'x', '-dash', 'a/b']) {
      const shown = bad.replace(/"/g, '');
      await check(t, {
        line: `docker run -d --name ${bad} alpine`,
        err: `docker: Error response from daemon: Invalid container name (${shown}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n\nRun 'docker run --help' for more information\n`,
        code: 125,
      });
    }
  });

  it('rm of a running container is refused (v25+ wording); rm -f works', async () => {
    await check(t, {
      line: 'docker rm c1',
      err: 'Error response from daemon: cannot remove container "/c1": container is running: stop the container before removing or force remove\n',
      code: 1,
    });
    await t.setup('docker run -dit --name doomed alpine');
    expect(await t.run('docker rm -f doomed')).toMatchObject({ out: 'doomed\n', err: '', code: 0 });
  });

  it('rm, stop, start and network rm echo each argument exactly as typed (name, prefix or full id)', async () => {
    const id = (await t.run('docker run -dit --name echoer alpine')).out.trim();
    expect((await t.run(`docker stop ${id.slice(0, 6)}`)).out).toBe(`${id.slice(0, 6)}\n`);
    expect((await t.run('docker start echoer')).out).toBe('echoer\n');
    expect((await t.run(`docker rm -f ${id}`)).out).toBe(`${id}\n`);
    const net = (await t.run('docker network create echonet')).out.trim();
    expect((await t.run(`docker network rm ${net.slice(0, 4)}`)).out).toBe(`${net.slice(0, 4)}\n`);
  });

  it('rm of several containers removes the good ones and fails for the rest', async () => {
    await t.setup('docker create --name spare alpine');
    const r = await t.run('docker rm nope spare');
    expect(r.out).toBe('spare\n');
    expect(r.err).toBe('Error response from daemon: No such container: nope\n');
    expect(r.code).toBe(1);
  });

  it('exec into a stopped or paused container', async () => {
    await t.setup('docker run -dit --name st alpine', 'docker stop st');
    const id = (await t.run(`docker inspect -f '{{.Id}}' st`)).out.trim();
    await check(t, { line: 'docker exec st ls', err: `Error response from daemon: container ${id} is not running\n`, code: 1 });
    await t.setup('docker run -dit --name pz alpine', 'docker pause pz');
    const pid = (await t.run(`docker inspect -f '{{.Id}}' pz`)).out.trim();
    await check(t, { line: 'docker exec pz ls', err: `Error response from daemon: Container ${pid} is paused, unpause the container before exec\n`, code: 1 });
    await t.setup('docker unpause pz');
  });

  it('a command missing from the image exits 127 (run) and 127 (exec)', async () => {
    const r = await t.run('docker run alpine nosuchcmd');
    expect(r.code).toBe(127);
    expect(r.err).toMatch(/^docker: Error response from daemon: failed to create task for container: .*exec: "nosuchcmd": executable file not found in \$PATH: unknown\n\nRun 'docker run --help' for more information\n$/);
    const e = await t.run('docker exec c1 nosuchcmd');
    expect(e.code).toBe(127);
    expect(e.output).toContain('exec: "nosuchcmd": executable file not found in $PATH');
  });

  it('attached runs exit with the container\'s own code', async () => {
    expect((await t.run(`docker run alpine sh -c 'exit 4'`)).code).toBe(4);
    expect((await t.run('docker run alpine false')).code).toBe(1);
    expect((await t.run('docker run --rm alpine true')).code).toBe(0);
  });

  it('legacy links: a missing target', async () => {
    await check(t, {
      line: 'docker run --link nope:db alpine true',
      err: "docker: Error response from daemon: could not get container for nope: No such container: nope\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
  });
});

describe('networks: create, rm, connect, disconnect', () => {
  let t: Term;
  beforeAll(async () => {
    t = newTerm();
    await t.setup('docker network create mynet', 'docker run -dit --name c1 --network mynet alpine', 'docker run -dit --name b1 alpine');
  });

  it('predefined networks cannot be created or removed', async () => {
    for (const n of ['bridge', 'host', 'none']) {
      await check(t, { line: `docker network create ${n}`, err: `Error response from daemon: operation is not permitted on predefined ${n} network \n`, code: 1 });
      await check(t, { line: `docker network rm ${n}`, err: `Error response from daemon: ${n} is a pre-defined network and cannot be removed\n`, code: 1 });
    }
  });

  it('connect to a missing network', () =>
    check(t, { line: 'docker network connect nonet c1', err: 'Error response from daemon: network nonet not found\n', code: 1 }));

  it('a duplicate network name is refused', () =>
    check(t, { line: 'docker network create mynet', err: 'Error response from daemon: network with name mynet already exists\n', code: 1 }));

  it('rm of a network with endpoints names them (28.1+), and rm of several continues past failures', async () => {
    const r = await t.run('docker network rm mynet');
    expect(r.err).toMatch(/^Error response from daemon: error while removing network: network mynet has active endpoints \(name:"c1" id:"[0-9a-f]{12}"\)\n$/);
    expect(r.code).toBe(1);
    await t.setup('docker network create spare');
    const both = await t.run('docker network rm mynet spare');
    expect(both.out).toBe('spare\n');
    expect(both.err).toMatch(/^Error response from daemon: error while removing network: network mynet has active endpoints/);
    expect(both.code).toBe(1);
  });

  it('invalid CIDRs are rejected by the daemon\'s IPAM validation', async () => {
    await check(t, {
      line: 'docker network create --subnet 10.0.0.0/33 bad1',
      err: 'Error response from daemon: invalid network config:\ninvalid subnet 10.0.0.0/33: invalid CIDR block notation\n',
      code: 1,
    });
    await check(t, {
      line: 'docker network create --subnet 300.1.1.1 bad2',
      err: 'Error response from daemon: invalid network config:\ninvalid subnet 300.1.1.1: invalid CIDR block notation\n',
      code: 1,
    });
    expect((await t.run('docker network ls -q')).out.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('a subnet with host bits set', () =>
    check(t, {
      line: 'docker network create --subnet 172.20.0.1/16 bad3',
      err: 'Error response from daemon: invalid network config:\ninvalid subnet 172.20.0.1/16: it should be 172.20.0.0/16\n',
      code: 1,
    }));

  it('overlapping subnets and client-side IPAM checks', async () => {
    await t.setup('docker network create --subnet 10.30.0.0/16 base');
    await check(t, {
      line: 'docker network create --subnet 10.30.1.0/24 over',
      err: 'Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n',
      code: 1,
    });
    await check(t, { line: 'docker network create --subnet 10.1.0.0/16 --gateway 10.2.0.1 g1', err: 'no matching subnet for gateway 10.2.0.1\n', code: 1 });
    await check(t, { line: 'docker network create --ip-range 10.1.0.0/24 g2', err: 'every ip-range or gateway must have a corresponding subnet\n', code: 1 });
    await check(t, {
      line: 'docker network create --subnet 10.1.0.0/16 --subnet 10.1.1.0/24 g3',
      err: 'multiple overlapping subnet configuration is not supported\n',
      code: 1,
    });
  });

  it('overlay without swarm', () =>
    check(t, {
      line: 'docker network create -d overlay ov',
      err: 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
      code: 1,
    }));

  it('connect twice, disconnect when not connected (running and stopped wording)', async () => {
    const id = (await t.run(`docker inspect -f '{{.Id}}' b1`)).out.trim();
    await check(t, { line: 'docker network connect bridge b1', err: 'Error response from daemon: endpoint with name b1 already exists in network bridge\n', code: 1 });
    await check(t, { line: 'docker network disconnect mynet b1', err: `Error response from daemon: container ${id} is not connected to network mynet\n`, code: 1 });
    await t.setup('docker stop b1');
    const r = await t.run('docker network disconnect mynet b1');
    expect(r.err).toBe(`Error response from daemon: container ${id} is not connected to the network mynet\n`);
    expect(r.code).toBe(1);
    await t.setup('docker start b1');
  });

  it('--alias and --ip on the default bridge', async () => {
    await check(t, {
      line: 'docker network connect --alias x bridge c1',
      err: 'Error response from daemon: invalid endpoint settings:\nnetwork-scoped alias is supported only for containers in user defined networks\n',
      code: 1,
    });
    await check(t, {
      line: 'docker run -d --ip 172.17.0.9 alpine',
      err: "docker: Error response from daemon: invalid endpoint settings:\nuser specified IP address is supported on user defined networks only\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
    await check(t, {
      line: 'docker run --network-alias foo alpine true',
      err: "docker: network-scoped aliases are only supported for user-defined networks\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
  });

  it('--ip on a network without a configured subnet, and outside the subnet', async () => {
    await check(t, {
      line: 'docker run -d --network mynet --ip 172.18.0.50 alpine',
      err: "docker: Error response from daemon: invalid endpoint settings:\nuser specified IP address is supported only when connecting to networks with user configured subnets\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
    await check(t, {
      line: 'docker network connect --ip 10.9.9.9 base c1',
      err: 'Error response from daemon: invalid endpoint settings:\nno configured subnet or ip-range contain the IP address 10.9.9.9\n',
      code: 1,
    });
  });

  it('nothing failed above changed the lab: the same networks and containers remain', async () => {
    const nets = await t.run('docker network ls --format "{{.Name}}"');
    expect(nets.out).toBe('base\nbridge\nhost\nmynet\nnone\n');
    const ps = await t.run('docker ps -a --format "{{.Names}}"');
    expect(ps.out.split('\n').filter(Boolean).sort()).toEqual(['b1', 'c1']);
  });
});

describe('inspect templates', () => {
  const t = newTerm();
  it('a template that does not parse exits 64 with "template parsing error"', async () => {
    await t.setup('docker run -dit --name c1 alpine');
    const r = await t.run(`docker inspect -f '{{.Name' c1`);
    expect(r.code).toBe(64);
    expect(r.err).toBe('template parsing error: template: :1: unclosed action\n');
    expect(r.out).toBe('');
  });

  it('a field that does not exist fails on the raw fallback (missingkey=error), exit 1', async () => {
    const r = await t.run(`docker inspect -f '{{.Nope}}' c1`);
    expect(r.code).toBe(1);
    expect(r.err).toBe('template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n');
  });

  it('ids are 64 hex', async () => {
    expect((await t.run(`docker inspect -f '{{.Id}}' c1`)).out).toMatch(new RegExp(`^${ID64}\\n$`));
  });
});
