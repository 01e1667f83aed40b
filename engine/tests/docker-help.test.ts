/**
 * The docker CLI's own texts, checked against the real CLI: every `--help` the lab derives from its
 * verb definitions equals what docker prints (fixtures/docker-help, captured from the docker 28
 * binary), and dispatch answers as cobra does in docker/cli@v28.5.2 (cmd/docker/docker.go,
 * cli/cobra.go, cli/required.go): group errors, `docker help TOPIC`, aliases, `--help` anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newTerm } from './helpers';
import { swarmLab } from './swarm-helpers';

const FIXTURES = join(__dirname, 'fixtures', 'docker-help');

/** Flags docker hides when its daemon is Linux and not experimental (cmd/docker/docker.go hideUnsupportedFeatures). */
const HIDDEN_WITH_A_LINUX_DAEMON = ['cpu-count', 'cpu-percent', 'io-maxbandwidth', 'io-maxiops', 'checkpoint', 'checkpoint-dir'];

/** Drops a flag's line and its wrapped continuation lines from captured help. */
function withoutFlags(help: string, names: string[]): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of help.split('\n')) {
    const m = /^ {2}(?:-\w, | {4})--([a-z0-9-]+)/.exec(line);
    if (m) skipping = names.includes(m[1]!);
    else if (!/^ {10,}\S/.test(line)) skipping = false;
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

describe('docker COMMAND --help is the real CLI text (fixtures from the docker 28 binary)', () => {
  // On a swarm manager, as the captures were: the swarm-manager commands are listed there.
  const t = swarmLab(['host1']).term('host1');
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
  it('has the fixtures', () => expect(files.length).toBeGreaterThan(40));
  for (const file of files) {
    const command = file.replace(/\.txt$/, '').replaceAll('_', ' ');
    it(`docker ${command} --help`, async () => {
      const real = withoutFlags(readFileSync(join(FIXTURES, file), 'utf8'), HIDDEN_WITH_A_LINUX_DAEMON);
      const r = await t.run(`docker ${command} --help`);
      expect(r.err).toBe('');
      expect(r.out).toBe(real);
      expect(r.code).toBe(0);
    });
  }
});

describe('docker --help', () => {
  it('lists what a Debian docker-ce host lists (the real list, with a daemon outside any swarm)', async () => {
    const t = newTerm();
    const r = await t.run('docker --help');
    // The capture has no daemon and no CLI plugins. With them: buildx* and compose* are listed (and
    // bake, which docker hides only without buildx); checkpoint is hidden (not experimental) and the
    // swarm-manager commands config/node/secret/service/stack are hidden outside a swarm.
    const lines = readFileSync(join(FIXTURES, '..', 'docker-root-help.txt'), 'utf8')
      .split('\n')
      .filter((l) => !/^ {2}(checkpoint|config|node|secret|service|stack) /.test(l));
    lines.splice(lines.indexOf('  build       Build an image from a Dockerfile') + 1, 0, '  bake        Build from a file');
    lines.splice(lines.indexOf('  builder     Manage builds') + 1, 0, '  buildx*     Docker Buildx', '  compose*    Docker Compose');
    expect(r.out).toBe(lines.join('\n'));
    expect(r.code).toBe(0);
  });
});

describe('dispatch as cobra runs docker/cli', () => {
  const t = newTerm();
  const cases: { line: string; out?: string | RegExp; err?: string | RegExp; code: number }[] = [
    { line: 'docker container', out: '', err: /^Usage: {2}docker container COMMAND\n\nManage containers\n\nCommands:\n {2}attach /, code: 0 },
    { line: 'docker container foo', err: "docker: unknown command: docker container foo\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 1 },
    { line: 'docker container --foo', err: "unknown flag: --foo\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 125 },
    { line: 'docker help foo', err: 'unknown help topic: foo\n', code: 1 },
    { line: 'docker help container ls', out: /^Usage: {2}docker container ls \[OPTIONS\]\n\nList containers\n/, err: '', code: 0 },
    { line: 'docker container list --foo', err: "unknown flag: --foo\n\nUsage:  docker container ls [OPTIONS]\n\nRun 'docker container ls --help' for more information\n", code: 125 },
    { line: 'docker image remove', err: "docker: 'docker image rm' requires at least 1 argument\n\nUsage:  docker image rm [OPTIONS] IMAGE [IMAGE...]\n\nSee 'docker image rm --help' for more information\n", code: 1 },
    { line: 'docker image rmi', err: "docker: 'docker image rm' requires at least 1 argument\n\nUsage:  docker image rm [OPTIONS] IMAGE [IMAGE...]\n\nSee 'docker image rm --help' for more information\n", code: 1 },
    { line: 'docker network -h', out: /^Flag shorthand -h has been deprecated, use --help\nUsage: {2}docker network COMMAND\n/, code: 0 },
    { line: 'docker --help ps', out: /^Usage: {2}docker ps \[OPTIONS\]\n/, code: 0 },
    { line: 'docker network --help ls', out: /^Usage: {2}docker network ls \[OPTIONS\]\n/, code: 0 },
    { line: 'docker -z', err: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", code: 125 },
    { line: 'docker --foo', err: "unknown flag: --foo\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", code: 125 },
    { line: 'docker run -h', err: "flag needs an argument: 'h' in -h\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 },
    { line: 'docker top', err: "docker: 'docker top' requires at least 1 argument\n\nUsage:  docker top CONTAINER [ps OPTIONS]\n\nSee 'docker top --help' for more information\n", code: 1 },
    { line: 'docker wait', err: "docker: 'docker wait' requires at least 1 argument\n\nUsage:  docker wait CONTAINER [CONTAINER...]\n\nSee 'docker wait --help' for more information\n", code: 1 },
    { line: 'docker events x', err: "docker: 'docker events' accepts no arguments\n\nUsage:  docker events [OPTIONS]\n\nRun 'docker events --help' for more information\n", code: 1 },
    { line: 'docker system prune x', err: "docker: 'docker system prune' accepts no arguments\n\nUsage:  docker system prune [OPTIONS]\n\nRun 'docker system prune --help' for more information\n", code: 1 },
    { line: 'docker stats --nope', err: "unknown flag: --nope\n\nUsage:  docker stats [OPTIONS] [CONTAINER...]\n\nRun 'docker stats --help' for more information\n", code: 125 },
  ];
  for (const c of cases) {
    it(c.line, async () => {
      const r = await t.run(c.line);
      if (c.out !== undefined) {
        if (typeof c.out === 'string') expect(r.out).toBe(c.out);
        else expect(r.out).toMatch(c.out);
      }
      if (c.err !== undefined) {
        if (typeof c.err === 'string') expect(r.err).toBe(c.err);
        else expect(r.err).toMatch(c.err);
      }
      expect(r.code).toBe(c.code);
    });
  }

  it('a deprecated flag still works and says so on stdout: docker stop --time (pflag MarkDeprecated)', async () => {
    const lab = newTerm();
    await lab.setup('docker run -d --name s1 alpine sleep 100');
    const r = await lab.run('docker stop --time 1 s1');
    expect(r.out).toBe('Flag --time has been deprecated, use --timeout instead\ns1\n');
    expect(r.code).toBe(0);
  });

  it('every name of a verb reaches it: docker ps = docker container ls/list/ps', async () => {
    const lab = newTerm();
    await lab.setup('docker run -d --name a1 alpine sleep 100');
    const ps = (await lab.run("docker ps --format '{{.ID}} {{.Names}}'")).out;
    expect(ps).toMatch(/^[0-9a-f]{12} a1\n$/);
    for (const verb of ['container ls', 'container list', 'container ps']) expect((await lab.run(`docker ${verb} --format '{{.ID}} {{.Names}}'`)).out).toBe(ps);
    expect((await lab.run('docker image ls')).out).toBe((await lab.run('docker images')).out);
    expect((await lab.run('docker image list -q')).out).toBe((await lab.run('docker images -q')).out);
  });

  it('verbs docker has and the lab leaves out answer with one sim: line, even for --help', async () => {
    const lab = newTerm();
    expect(await lab.run('docker build .')).toMatchObject({ out: '', err: "sim: 'docker build' is not part of this lab\n", code: 1 });
    expect(await lab.run('docker container commit x')).toMatchObject({ err: "sim: 'docker container commit' is not part of this lab\n", code: 1 });
    expect(await lab.run('docker volume ls')).toMatchObject({ err: "sim: 'docker volume' is not part of this lab\n", code: 1 });
    expect(await lab.run('docker tag --help')).toMatchObject({ out: '', err: "sim: 'docker tag' is not part of this lab\n", code: 1 });
  });

  it('swarm-manager commands are hidden yet answer with the daemon error of a node outside a swarm', async () => {
    const lab = newTerm();
    expect(await lab.run('docker service ls')).toMatchObject({
      out: '',
      err: 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
      code: 1,
    });
  });
});

describe('-H / DOCKER_HOST (docker/cli@v28.5.2 cli/flags/options.go): the lab daemons listen on their unix socket only', () => {
  it('a tcp host cannot be reached; the default socket is the local daemon', async () => {
    const t = newTerm();
    expect(await t.run('docker -H tcp://host2:2375 ps')).toMatchObject({ out: '', err: 'Cannot connect to the Docker daemon at tcp://host2:2375. Is the docker daemon running?\n', code: 1 });
    expect((await t.run('docker -H host2 ps')).err).toBe('Cannot connect to the Docker daemon at tcp://host2:2375. Is the docker daemon running?\n');
    expect((await t.run('docker -H unix:///var/run/docker.sock ps')).code).toBe(0);
    await t.setup('export DOCKER_HOST=tcp://10.0.0.9:2376');
    expect((await t.run('docker ps')).err).toBe('Cannot connect to the Docker daemon at tcp://10.0.0.9:2376. Is the docker daemon running?\n');
  });
});
