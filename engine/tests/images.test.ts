/**
 * Images and the daemon: images, history, pull, rmi, info, version (reference §1.5–§1.7, §1.11, §2).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('docker images', () => {
  it('a fresh daemon has no images: header only, minwidth-10 columns', async () => {
    const t = newTerm();
    expect(await t.run('docker images')).toMatchObject({ out: 'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n', code: 0 });
    expect((await t.run('docker image ls -q')).out).toBe('');
  });

  it('after pulls, rows line up under the header (reference §1.5 layout)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker pull nginx');
    const r = await t.run('docker images');
    const [head, ...rows] = lines(r.out);
    expect(head).toBe('REPOSITORY   TAG       IMAGE ID       CREATED       SIZE');
    expect(rows).toHaveLength(2);
    const byRepo = Object.fromEntries(rows.map((row) => [row.split(' ')[0], row]));
    expect(byRepo.alpine).toMatch(/^alpine       latest    [0-9a-f]{12}   \d+ (days|weeks) ago +\d+(\.\d+)?MB$/);
    expect(byRepo.nginx).toMatch(/^nginx        latest    [0-9a-f]{12}   \d+ (days|weeks) ago +\d+(\.\d+)?MB$/);
    for (const row of rows) {
      expect(row.indexOf('latest')).toBe(head!.indexOf('TAG'));
      expect(row.search(/[0-9a-f]{12}/)).toBe(head!.indexOf('IMAGE ID'));
      expect(row.search(/\d+(\.\d+)?MB$/)).toBe(head!.indexOf('SIZE'));
    }
    const q = await t.run('docker images -q');
    expect(lines(q.out)).toHaveLength(2);
    for (const id of lines(q.out)) expect(r.out).toContain(id);
    const f = await t.run(`docker images --format '{{.Repository}}:{{.Tag}}'`);
    expect(lines(f.out).sort()).toEqual(['alpine:latest', 'nginx:latest']);
  });
});

describe('docker pull', () => {
  it('first pull shows progress and the canonical reference; a second says up to date', async () => {
    const t = newTerm();
    const r = await t.run('docker pull alpine');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Using default tag: latest\nlatest: Pulling from library\/alpine\n([0-9a-f]{12}: Pull complete\n)+Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for alpine:latest\ndocker\.io\/library\/alpine:latest\n$/,
    );
    const again = await t.run('docker pull alpine');
    expect(again.out).toMatch(/^Using default tag: latest\nlatest: Pulling from library\/alpine\nDigest: sha256:[0-9a-f]{64}\nStatus: Image is up to date for alpine:latest\ndocker\.io\/library\/alpine:latest\n$/);
  });

  it('docker run pulls a missing image on stderr, then prints the id on stdout', async () => {
    const t = newTerm();
    const r = await t.run('docker run -d nginx');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Unable to find image 'nginx:latest' locally\nlatest: Pulling from library\/nginx\n([0-9a-f]{12}: Pull complete\n)+Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for nginx:latest\n$/);
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    const second = await t.run('docker run -d nginx');
    expect(second.err).toBe('');
  });

  it('every course image can be pulled', async () => {
    const t = newTerm();
    for (const img of ['alpine', 'busybox', 'nginx', 'ubuntu', 'nicolaka/netshoot']) {
      const r = await t.run(`docker pull ${img}`);
      expect(r.code, img).toBe(0);
      expect(r.out, img).toContain(`Status: Downloaded newer image for ${img}:latest\n`);
    }
    expect(lines((await t.run('docker images -q')).out)).toHaveLength(5);
  });
});

describe('docker history', () => {
  it('alpine: CMD layer with the image id, then the rootfs layer as <missing>, CREATED BY cut at 45', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const id = (await t.run('docker images -q alpine')).out.trim();
    const r = await t.run('docker history alpine');
    const l = lines(r.out);
    expect(l[0]).toBe('IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT');
    expect(l[1]).toMatch(new RegExp(`^${id}   \\d+ weeks ago   CMD \\["/bin/sh"\\]                                 0B        buildkit\\.dockerfile\\.v0$`));
    expect(l[2]).toMatch(/^<missing>      \d+ weeks ago   ADD alpine-minirootfs-[\d.]+-x86_64\.tar\.gz \/…   \d+(\.\d+)?MB +buildkit\.dockerfile\.v0$/);
    const createdBy = l[2]!.slice(l[0]!.indexOf('CREATED BY'), l[0]!.indexOf('SIZE')).trimEnd();
    expect([...createdBy]).toHaveLength(45);
    expect(createdBy.endsWith('…')).toBe(true);
  });

  it('--no-trunc shows full ids and commands', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const r = await t.run('docker history --no-trunc alpine');
    expect(r.out).toMatch(/^sha256:[0-9a-f]{64} /m);
    expect(r.out).not.toContain('…');
  });

  it('an image that is not local', async () => {
    const t = newTerm();
    expect(await t.run('docker history nginx')).toMatchObject({ out: '', err: 'Error response from daemon: No such image: nginx:latest\n', code: 1 });
  });
});

describe('docker rmi', () => {
  it('removes an unused image: Untagged lines then Deleted', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const full = (await t.run(`docker image inspect -f '{{.Id}}' alpine`)).out.trim();
    expect(full).toMatch(/^sha256:[0-9a-f]{64}$/);
    const r = await t.run('docker rmi alpine');
    expect(r.code).toBe(0);
    const l = lines(r.out);
    expect(l[0]).toBe('Untagged: alpine:latest');
    expect(l[1]).toMatch(/^Untagged: alpine@sha256:[0-9a-f]{64}$/);
    expect(l).toContain(`Deleted: ${full}`);
    expect((await t.run('docker images -q')).out).toBe('');
  });

  it('refuses while a running container uses the image (graphdriver wording: short image id)', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const img = (await t.run('docker images -q alpine')).out.trim();
    const ctr = (await t.run('docker ps -q')).out.trim();
    const r = await t.run('docker rmi alpine');
    expect(r).toMatchObject({
      out: '',
      err: `Error response from daemon: conflict: unable to delete ${img} (cannot be forced) - image is being used by running container ${ctr}\n`,
      code: 1,
    });
    expect((await t.run('docker images -q')).out).toBe(`${img}\n`);
  });

  it('an unknown image', async () => {
    const t = newTerm();
    expect(await t.run('docker rmi nope')).toMatchObject({ err: 'Error response from daemon: No such image: nope:latest\n', code: 1 });
  });
});

describe('docker info and docker version', () => {
  it('info: Client then Server, keys in Docker\'s order, counts that follow the lab', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name up alpine', 'docker create --name idle alpine');
    const r = await t.run('docker info');
    expect(r.code).toBe(0);
    const o = r.out;
    expect(o.startsWith('Client: Docker Engine - Community\n Version:    28.5.2\n Context:    default\n Debug Mode: false\n')).toBe(true);
    const order = [
      '\nServer:\n',
      ' Containers: 2\n  Running: 1\n  Paused: 0\n  Stopped: 1\n',
      ' Images: 1\n',
      ' Server Version: 28.5.2\n',
      ' Storage Driver: overlay2\n',
      ' Plugins:\n  Volume: local\n  Network: bridge host ipvlan macvlan null overlay\n',
      ' Swarm: inactive\n',
      ' Kernel Version: ',
      ' Operating System: ',
      ' OSType: linux\n',
      ' Architecture: x86_64\n',
      ' Name: host1\n',
      ' Docker Root Dir: /var/lib/docker\n',
      ' Insecure Registries:\n  ::1/128\n  127.0.0.0/8\n',
      ' Live Restore Enabled: false\n',
      ' Firewall Backend: iptables\n',
    ];
    let at = 0;
    for (const part of order) {
      const i = o.indexOf(part, at);
      expect(i, part).toBeGreaterThanOrEqual(at);
      at = i + part.length;
    }
    expect(o).not.toContain('Default Address Pools:');
  });

  it('info on host2 names host2', async () => {
    const t = newTerm({ hosts: ['host1', 'host2'] });
    await t.setup('ssh host2');
    expect((await t.run('docker info')).out).toContain('\n Name: host2\n');
  });

  it('version: Client and Server sections for 28.5.2', async () => {
    const t = newTerm();
    const r = await t.run('docker version');
    expect(r.code).toBe(0);
    const l = lines(r.out);
    expect(l[0]).toBe('Client: Docker Engine - Community');
    expect(l[1]).toBe(' Version:           28.5.2');
    expect(l[2]).toMatch(/^ API version:       1\.\d+$/);
    expect(l).toContain('Server: Docker Engine - Community');
    expect(l).toContain(' Engine:');
    expect(l).toContain('  Version:          28.5.2');
    expect(r.out).toMatch(/\n OS\/Arch:           linux\/amd64\n/);
    expect(r.out).toMatch(/\n containerd:\n {2}Version: +\S+\n/);
    expect(r.out).toMatch(/\n runc:\n {2}Version: +\S+\n/);
    expect((await t.run(`docker version --format '{{.Server.Version}}'`)).out).toBe('28.5.2\n');
  });
});

describe('image entrypoints and commands', () => {
  it('nginx passes a command other than nginx straight through its entrypoint', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx');
    expect(await t.run('docker run --rm nginx echo hi')).toMatchObject({ out: 'hi\n', err: '', code: 0 });
    const os = await t.run('docker run --rm nginx cat /etc/os-release');
    expect(os.code).toBe(0);
    expect(os.out).toContain('PRETTY_NAME="Debian GNU/Linux');
  });

  it('COMMAND shows entrypoint+cmd cut to 20 characters with an ellipsis', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name w1 nginx', 'docker run -dit --name a1 alpine', 'docker run -d --name s1 alpine sleep 1000');
    const r = await t.run(`docker ps --format '{{.Names}} {{.Command}}'`);
    expect(lines(r.out)).toEqual(['s1 "sleep 1000"', 'a1 "/bin/sh"', 'w1 "/docker-entrypoint.…"']);
    expect((await t.run(`docker ps --no-trunc --format '{{.Command}}' --filter name=w1`)).out).toBe('"/docker-entrypoint.sh nginx -g \'daemon off;\'"\n');
  });
});
