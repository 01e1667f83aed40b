/**
 * The docker verbs added for issue 7 (fidelity plan area A2–A6): top, stats, wait, events, the
 * prune commands and system df, each against the real CLI's output (fidelity-evidence
 * cli-fake-daemon*.txt: the docker 28 CLI rendering moby v28.5.2 API answers) and the sources.
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

const ID64 = '[0-9a-f]{64}';

describe('docker top (cli container/top.go; moby daemon/top_unix.go)', () => {
  it('nginx: master and one worker per CPU, host PIDs, tabwriter minwidth 20 padding 3', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    const pid = Number((await t.run("docker inspect -f '{{.State.Pid}}' web")).out);
    const r = await t.run('docker top web');
    expect(r.code).toBe(0);
    const pad = (s: string) => s.padEnd(20);
    const row = (cells: string[]) => cells.slice(0, -1).map(pad).join('') + cells[cells.length - 1];
    expect(lines(r.out)).toEqual([
      row(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']),
      row(['root', String(pid), String(pid - 2), '0', '09:00', '?', '00:00:00', 'nginx: master process nginx -g daemon off;']),
      row(['101', String(pid + 1), String(pid), '0', '09:00', '?', '00:00:00', 'nginx: worker process']),
      row(['101', String(pid + 2), String(pid), '0', '09:00', '?', '00:00:00', 'nginx: worker process']),
    ]);
  });

  it('ps options after the name go to ps; pid=PID forms other than pid are refused', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    const r = await t.run('docker top b1 -o pid,comm');
    expect(lines(r.out)).toEqual([`PID${' '.repeat(17)}COMMAND`, expect.stringMatching(/^\d+ {16,}sleep$/)]);
    expect(await t.run('docker top b1 -o comm')).toMatchObject({ err: "Error response from daemon: Couldn't find PID field in ps output\n", code: 1 });
    expect(await t.run('docker top b1 -o user=PID')).toMatchObject({ err: 'Error response from daemon: specifying "user=PID" is not allowed\n', code: 1 });
  });

  it('a stopped container and an unknown one are errors (container/container.go not-running text)', async () => {
    const t = newTerm();
    await t.setup('docker create --name ex1 alpine');
    const r = await t.run('docker top ex1');
    expect(r.err).toMatch(new RegExp(`^Error response from daemon: container ${ID64} is not running\\n$`));
    expect(r.code).toBe(1);
    expect(await t.run('docker top nope')).toMatchObject({ err: 'Error response from daemon: No such container: nope\n', code: 1 });
  });
});

describe('docker stats --no-stream (cli container/formatter_stats.go)', () => {
  it('running containers, newest first, in docker columns; MEM in binary units against the host memory', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker run -d --name b1 busybox sleep 1000');
    const r = await t.run('docker stats --no-stream');
    const [head, first, second] = lines(r.out);
    expect(head).toBe('CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT     MEM %     NET I/O   BLOCK I/O     PIDS');
    expect(first).toMatch(/^[0-9a-f]{12} {3}b1 {8}0\.00% {5}\d+(\.\d+)?KiB \/ 23\.48GiB +0\.00% +0B \/ 0B +0B \/ 0B +1$/);
    expect(second).toMatch(/^[0-9a-f]{12} {3}web {7}0\.00% {5}3\.\d+MiB \/ 23\.48GiB +0\.01% +0B \/ 0B +0B \/ 8\.19kB +3$/);
  });

  it('a stopped container gets the empty sample; --format renders each row', async () => {
    const t = newTerm();
    await t.setup('docker create --name ex1 alpine', 'docker run -d --name b1 busybox sleep 1000');
    expect(lines((await t.run('docker stats --no-stream ex1')).out)).toEqual([
      'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS',
      expect.stringMatching(/^[0-9a-f]{12} {3}ex1 {7}0\.00% {5}0B \/ 0B {13}0\.00% {5}0B \/ 0B {3}0B \/ 0B {5}0$/),
    ]);
    expect((await t.run("docker stats --no-stream --format '{{.Name}}:{{.CPUPerc}}:{{.PIDs}}'")).out).toBe('b1:0.00%:1\n');
    // .Container is the name as typed, or the full ID when no names are given (stats.go NewStats).
    expect((await t.run("docker stats --no-stream --format '{{.Container}}' b1")).out).toBe('b1\n');
    expect((await t.run("docker stats --no-stream --format '{{.Container}}'")).out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await t.run('docker stats --no-stream nope')).toMatchObject({ out: '', err: 'Error response from daemon: No such container: nope\n', code: 1 });
  });

  it('without --no-stream it redraws every 500 ms of lab time until Ctrl-C (cursor home, erase to end of line)', async () => {
    const lab = newTerm().lab;
    const s = lab.openSession();
    await s.run('docker run -d --name b1 busybox sleep 1000');
    const ac = new AbortController();
    let frames = 0;
    const r = await s.run('docker stats', {
      signal: ac.signal,
      onOutput: (chunk) => {
        if (chunk.startsWith('\x1b[H') && ++frames === 3) ac.abort();
      },
    });
    expect(frames).toBe(3);
    expect(r.output.startsWith('\x1b[HCONTAINER ID   NAME ')).toBe(true);
    expect(r.output).toContain(' \x1b[K\n');
    expect(r.output).toContain('\x1b[J');
    expect(r.exitCode).toBe(130);
  });
});

describe('docker wait (cli container/wait.go)', () => {
  it('waits on lab time for the exit code; an exited container answers at once; unknown names after', async () => {
    const t = newTerm();
    await t.setup("docker run -d --name w2 alpine sh -c 'sleep 2; exit 3'", 'docker create --name cr alpine');
    expect(await t.run('docker wait w2')).toMatchObject({ out: '3\n', code: 0 });
    expect(await t.run('docker wait w2 cr')).toMatchObject({ out: '3\n0\n', code: 0 });
    expect(await t.run('docker wait nope w2')).toMatchObject({ out: '3\n', err: 'Error response from daemon: No such container: nope\n', code: 1 });
  });
});

describe('docker events (cli system/events.go; moby daemon/events.go, monitor.go, stop.go)', () => {
  it('docker run -d -p: image pull, container create, network connect, container start, with sorted attributes', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 8080:80 nginx');
    const r = await t.run('docker events --since 0 --until 0s');
    const m = 'maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>';
    const at = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z';
    expect(lines(r.out)).toEqual([
      expect.stringMatching(new RegExp(`^${at} image pull nginx:latest \\(${m}, name=nginx\\)$`)),
      expect.stringMatching(new RegExp(`^${at} container create ${ID64} \\(image=nginx, ${m}, name=web\\)$`)),
      expect.stringMatching(new RegExp(`^${at} network connect ${ID64} \\(container=${ID64}, name=bridge, type=bridge\\)$`)),
      expect.stringMatching(new RegExp(`^${at} container start ${ID64} \\(image=nginx, ${m}, name=web\\)$`)),
    ]);
    expect(r.code).toBe(0);
  });

  it('stop: kill with the image stop signal, network disconnect, die, stop; --format per event', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker run -d --name s1 alpine sleep 100');
    await t.setup('docker stop web', 'docker stop -t 1 s1', 'docker rm s1');
    const only = ['kill', 'disconnect', 'die', 'stop', 'destroy'].map((e) => `--filter event=${e}`).join(' ');
    const format = `'{{.Type}}/{{.Action}}/{{.Actor.Attributes.name}} {{index .Actor.Attributes "signal"}}{{index .Actor.Attributes "exitCode"}}'`;
    const r = await t.run(`docker events --since 0 --until 0s ${only} --format ${format}`);
    expect(r.out).toBe(
      [
        // nginx's image stops with SIGQUIT (3) and exits 0; sleep ignores SIGTERM (15), so SIGKILL (9) after -t 1.
        'container/kill/web 3',
        'network/disconnect/bridge ',
        'container/die/web 0',
        'container/stop/web ',
        'container/kill/s1 15',
        'container/kill/s1 9',
        'network/disconnect/bridge ',
        'container/die/s1 137',
        'container/stop/s1 ',
        'container/destroy/s1 ',
        '',
      ].join('\n'),
    );
    // A missing map key prints Go's "<no value>".
    expect((await t.run(`docker events --since 0 --until 0s --filter event=stop --format '{{.Actor.Attributes.signal}}'`)).out).toBe('<no value>\n<no value>\n');
  });

  it('without --until it streams new events on lab time until Ctrl-C; since after until is the daemon error', async () => {
    // Real-time pacing: the watcher waits between polls while the other terminal acts, as on a real host.
    const lab = newTerm({ pacing: 'realtime' }).lab;
    const watcher = lab.openSession();
    const other = lab.openSession();
    const ac = new AbortController();
    const seen: string[] = [];
    const done = watcher.run('docker events --format "{{.Type}} {{.Action}}"', {
      signal: ac.signal,
      onOutput: (chunk) => {
        seen.push(chunk);
        if (chunk.includes('network destroy')) ac.abort();
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.run('docker network create n1');
    await other.run('docker network rm n1');
    const r = await done;
    expect(r.output).toBe('network create\nnetwork destroy\n^C\n');
    const bad = await other.run('docker events --since 10s --until 20s');
    expect(bad.output).toMatch(/^Error response from daemon: `since` time \(\d+\.000000000\) cannot be after `until` time \(\d+\.000000000\)\n$/);
  });

  it('filters as the daemon applies them: names by prefix, images with or without tag, exec_create loosely', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker run -dit --name box alpine', 'docker exec web true');
    const f = (filter: string) => t.run(`docker events --since 0 --until 0s ${filter} --format '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}'`);
    expect((await f('--filter container=we')).out).toBe('container create web\ncontainer start web\ncontainer exec_create: true  web\ncontainer exec_start: true  web\ncontainer exec_die web\n');
    expect((await f('--filter image=nginx --filter type=image')).out).toBe('image pull nginx\n');
    expect((await f('--filter image=alpine --filter event=start')).out).toBe('container start box\n');
    // The tag is stripped from the event's side only: "alpine:latest" matches the pull (id alpine:latest), not "image=alpine".
    expect((await f('--filter image=alpine:latest')).out).toBe('image pull alpine\n');
    expect((await f('--filter event=exec_create')).out).toBe('container exec_create: true  web\n');
    expect((await f('--filter type=network')).out).toBe('network connect bridge\nnetwork connect bridge\n');
  });

  it('--since with a bad value is the CLI error (api/types/time GetTimestamp)', async () => {
    const t = newTerm();
    expect(await t.run('docker events --since foo')).toMatchObject({ err: 'failed to parse value as time or duration: "foo"\n', code: 1 });
  });
});

describe('prune (cli container|network|image|system prune.go; internal/prompt Confirm)', () => {
  it('container prune asks, removes what is not running (full ids), and says what it reclaimed', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker stop web', 'docker create --name cr alpine', 'docker run -d --name up alpine sleep 100');
    const ids = lines((await t.run('docker ps -aq --no-trunc --filter status=exited --filter status=created')).out);
    const r = await t.run('docker container prune', ['y']);
    expect(r.out).toBe(`WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] Deleted Containers:\n${[...ids].reverse().join('\n')}\n\nTotal reclaimed space: 1.093kB\n`);
    expect(lines((await t.run("docker ps -a --format '{{.Names}}'")).out)).toEqual(['up']);
  });

  it('anything but y or Y cancels with exit 0 and nothing more printed ("yes" too)', async () => {
    const t = newTerm();
    await t.setup('docker create --name cr alpine', 'docker network create n2');
    for (const answer of ['n', 'yes', '']) {
      expect(await t.run('docker container prune', [answer])).toMatchObject({ out: 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ', code: 0 });
    }
    expect(await t.run('docker network prune', ['N'])).toMatchObject({ out: 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ', code: 0 });
    expect((await t.run("docker ps -a --format '{{.Names}}'")).out).toBe('cr\n');
    expect(await t.run('docker network prune', ['Y'])).toMatchObject({ out: 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] Deleted Networks:\nn2\n\n', code: 0 });
  });

  it('image prune: nothing is dangling; -a removes images no container uses, with untagged/deleted records', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker pull busybox', 'docker create --name cr busybox');
    expect((await t.run('docker image prune -f')).out).toBe('Total reclaimed space: 0B\n');
    const r = await t.run('docker image prune -a', ['y']);
    expect(r.out).toMatch(
      new RegExp(
        `^WARNING! This will remove all images without at least one container associated to them\\.\\nAre you sure you want to continue\\? \\[y/N\\] Deleted Images:\\nuntagged: alpine:latest\\nuntagged: alpine@sha256:[0-9a-f]{64}\\ndeleted: sha256:[0-9a-f]{64}\\ndeleted: sha256:[0-9a-f]{64}\\n\\nTotal reclaimed space: 8\\.31MB\\n$`,
      ),
    );
    expect((await t.run("docker images --format '{{.Repository}}'")).out).toBe('busybox\n');
  });

  it('system prune: the bullet list prompt, then containers, networks, images and the total', async () => {
    const t = newTerm();
    await t.setup('docker create --name cr alpine', 'docker network create n2');
    const r = await t.run('docker system prune', ['y']);
    expect(r.out).toMatch(
      new RegExp(
        `^WARNING! This will remove:\\n  - all stopped containers\\n  - all networks not used by at least one container\\n  - all dangling images\\n  - unused build cache\\n\\nAre you sure you want to continue\\? \\[y/N\\] Deleted Containers:\\n${ID64}\\n\\nDeleted Networks:\\nn2\\n\\nTotal reclaimed space: 0B\\n$`,
      ),
    );
    const a = await t.run('docker system prune -a --volumes', ['n']);
    expect(a.out).toBe(
      'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all anonymous volumes not used by at least one container\n  - all images without at least one container associated to them\n  - all build cache\n\nAre you sure you want to continue? [y/N] ',
    );
    const f = await t.run('docker system prune --filter until=24h', ['n']);
    expect(f.out).toBe(
      'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - unused build cache\n\n  Items to be pruned will be filtered with:\n  - until=24h\n\nAre you sure you want to continue? [y/N] ',
    );
    expect(await t.run('docker system prune --volumes --filter until=1h -f')).toMatchObject({ err: 'ERROR: The "until" filter is not supported with "--volumes"\n', code: 1 });
  });
});

describe('docker system df (cli formatter/disk_usage.go)', () => {
  it('images, containers, volumes, build cache, with what a prune would reclaim', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker stop web', 'docker pull busybox', 'docker run -d --name up busybox sleep 100');
    expect((await t.run('docker system df')).out).toBe(
      [
        'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
        'Images          2         2         196.3MB   0B (0%)',
        'Containers      2         1         1.093kB   1.093kB (100%)',
        'Local Volumes   0         0         0B        0B',
        'Build Cache     0         0         0B        0B',
        '',
      ].join('\n'),
    );
    await t.setup('docker rm -f up');
    expect(lines((await t.run('docker system df')).out)[1]).toBe('Images          2         1         196.3MB   4.27MB (2%)');
  });
});

describe('docker run: the full flag set, --pull, warnings (cli container/opts.go, create.go)', () => {
  it('a real flag the lab does not model is accepted with one sim: line; a bad value is the flag error', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const r = await t.run('docker run --rm --memory 512m --cpus 1.5 --read-only alpine true');
    expect(r).toMatchObject({ out: '', err: 'sim: this lab does not model --cpus, --memory, --read-only; the container runs without them\n', code: 0 });
    expect(await t.run('docker run --rm --memory 12q alpine true')).toMatchObject({
      err: "invalid argument \"12q\" for \"-m, --memory\" flag: invalid suffix: 'q'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
    expect((await t.run('docker run --rm --health-interval 5x alpine true')).err).toMatch(/^invalid argument "5x" for "--health-interval" flag: time: unknown unit "x" in duration "5x"\n/);
    expect((await t.run('docker run --rm --network name=n1,foo=bar alpine true')).err).toMatch(/^invalid argument "name=n1,foo=bar" for "--network" flag: invalid field key foo\n/);
  });

  it('--pull never without the image is the daemon error; always pulls again; a bad value is the CLI error', async () => {
    const t = newTerm();
    expect(await t.run('docker run --pull never --rm alpine true')).toMatchObject({
      err: "docker: Error response from daemon: No such image: alpine:latest\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
    await t.setup('docker pull alpine');
    expect((await t.run('docker run --pull always --rm alpine true')).err).toMatch(/^latest: Pulling from library\/alpine\nDigest: sha256:[0-9a-f]{64}\nStatus: Image is up to date for alpine:latest\n$/);
    expect((await t.run('docker run --pull sometimes --rm alpine true')).err).toBe(
      "docker: invalid pull option: 'sometimes': must be one of \"always\", \"missing\" or \"never\"\n\nRun 'docker run --help' for more information\n",
    );
  });

  it('a loopback --dns gets the CLI warning (create.go localhostDNSWarning)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    expect((await t.run('docker run -d --dns 127.0.0.1 alpine sleep 5')).err).toBe('WARNING: Localhost DNS (127.0.0.1) may fail in containers.\n');
  });
});

describe('prune filters (moby@v28.5.2 daemon/prune.go: until, label, label!; opts.FilterOpt)', () => {
  it('until= keeps what is newer; label= and label!= select by label; an unknown filter is the daemon error', async () => {
    const t = newTerm();
    await t.setup('docker create --name old alpine', 'sleep 120', 'docker create --name new -l keep=yes alpine', 'docker create --name tagged -l team=a alpine');
    expect((await t.run("docker container prune -f --filter until=60s")).out).toMatch(new RegExp(`^Deleted Containers:\\n${ID64}\\n\\nTotal reclaimed space: 0B\\n$`));
    expect((await t.run("docker ps -a --format '{{.Names}}'")).out).toBe('tagged\nnew\n');
    await t.setup('docker container prune -f --filter label!=keep');
    expect((await t.run("docker ps -a --format '{{.Names}}'")).out).toBe('new\n');
    expect(await t.run('docker container prune -f --filter name=x')).toMatchObject({ out: '', err: "Error response from daemon: invalid filter 'name'\n", code: 1 });
    expect(await t.run('docker container prune -f --filter until=1h --filter until=2h')).toMatchObject({ err: 'Error response from daemon: more than one until filter specified\n', code: 1 });
  });

  it('a filter without "=" is a flag error at parse time', async () => {
    const t = newTerm();
    expect(await t.run('docker ps --filter foo')).toMatchObject({
      err: "invalid argument \"foo\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
      code: 125,
    });
    expect((await t.run('docker network prune --filter foo')).err).toMatch(/^invalid argument "foo" for "--filter" flag: bad format of filter \(expected name=value\)\n/);
  });
});
