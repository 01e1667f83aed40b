/**
 * The registry's catalogue (fidelity plan area C): the tags Docker Hub had on 2025-11-20
 * (docker-library/official-images 2253f0537abc library/*), each image's config as its Dockerfile
 * sets it, and layer digests that are values of their own (finding 33).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('tags the registry knows (plan C2)', () => {
  it('numbered and variant tags resolve to their own images', async () => {
    const t = newTerm();
    const tags = [
      'nginx:1.29.3', 'nginx:1.29', 'nginx:mainline', 'nginx:trixie', 'nginx:alpine', 'nginx:1.29.3-alpine3.22', 'nginx:alpine-slim',
      'nginx:stable', 'nginx:1.28.0-bookworm', 'nginx:stable-alpine', 'nginx:1.27', 'nginx:1.25.5', 'nginx:1.24-alpine',
      'httpd', 'httpd:2.4', 'httpd:2.4.65-alpine', 'redis:8.4', 'redis:alpine', 'redis:8.2.3', 'postgres:18', 'postgres:17',
      'postgres:16.11', 'postgres:18-alpine', 'traefik/whoami:v1.11.0', 'alpine:3.20', 'alpine:3.19.9', 'busybox:musl',
      'busybox:1.36', 'busybox:1.37.0-uclibc',
    ];
    for (const tag of tags) {
      const r = await t.run(`docker pull ${tag}`);
      expect(r.code, tag).toBe(0);
      expect(r.out, tag).toContain(`Status: Downloaded newer image for ${tag.includes(':') ? tag : `${tag}:latest`}\n`);
    }
  });

  it('busybox:stable is 1.36.1, not the latest 1.37.0 (library/busybox)', async () => {
    const t = newTerm();
    await t.setup('docker pull busybox:stable', 'docker pull busybox');
    const ids = lines((await t.run("docker images --format '{{.Tag}} {{.ID}}'")).out);
    expect(new Set(ids.map((l) => l.split(' ')[1])).size).toBe(2);
  });

  it('different images on the same tag family get different ids; one image under two tags keeps one', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx', 'docker pull nginx:1.29.3', 'docker pull nginx:alpine', 'docker pull nginx:1.28');
    const rows = lines((await t.run("docker images --format '{{.Tag}} {{.ID}}'")).out);
    const id = (tag: string) => rows.find((r) => r.startsWith(`${tag} `))!.split(' ')[1];
    expect(id('latest')).toBe(id('1.29.3'));
    expect(new Set([id('latest'), id('alpine'), id('1.28')]).size).toBe(3);
  });
});

describe('pull progress (plan C2, finding 33)', () => {
  it('each layer line is its own digest, not windows of the image digest', async () => {
    const t = newTerm();
    const r = await t.run('docker pull nginx');
    const ids = r.out.split('\n').filter((l) => l.endsWith(': Pull complete')).map((l) => l.slice(0, 12));
    expect(ids.length).toBeGreaterThan(3);
    const digest = /Digest: sha256:([0-9a-f]{64})/.exec(r.out)![1]!;
    for (const id of ids) expect(digest).not.toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    const layers = JSON.parse((await t.run("docker image inspect -f '{{json .RootFS.Layers}}' nginx")).out) as string[];
    expect(layers.map((l) => l.slice(7, 19))).toEqual(ids);
  });

  it('a second tag of a present image: every layer "Already exists", then "Downloaded newer image" for the new tag', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx');
    const r = await t.run('docker pull nginx:1.29.3');
    const body = lines(r.out);
    expect(body[0]).toBe('1.29.3: Pulling from library/nginx');
    const layerLines = body.filter((l) => /^[0-9a-f]{12}: /.test(l));
    expect(layerLines.length).toBeGreaterThan(3);
    for (const l of layerLines) expect(l).toMatch(/: Already exists$/);
    expect(r.out).toContain('Status: Downloaded newer image for nginx:1.29.3\n');
    expect((await t.run('docker pull nginx:1.29.3')).out).toContain('Status: Image is up to date for nginx:1.29.3\n');
  });

  it('images on the same base share its layer: nginx:alpine after alpine fetches all but the first', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const r = await t.run('docker pull nginx:alpine');
    const layerLines = lines(r.out).filter((l) => /^[0-9a-f]{12}: /.test(l));
    expect(layerLines[0]).toMatch(/: Already exists$/);
    expect(layerLines.slice(1).every((l) => l.endsWith(': Pull complete'))).toBe(true);
  });
});

describe('image configs (plan C3: each Dockerfile at the library commit)', () => {
  const fmt = "'{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Config.ExposedPorts}} {{.Config.WorkingDir}} {{json .Config.Volumes}}'";

  it('httpd: httpd-foreground, WORKDIR /usr/local/apache2, SIGWINCH, its PATH first (docker-library/httpd 2.4/Dockerfile)', async () => {
    const t = newTerm();
    await t.setup('docker pull httpd');
    expect((await t.run(`docker image inspect -f ${fmt} httpd`)).out).toBe('null ["httpd-foreground"] {"80/tcp":{}} /usr/local/apache2 null\n');
    expect((await t.run("docker image inspect -f '{{.Config.StopSignal}}' httpd")).out).toBe('SIGWINCH\n');
    const env = JSON.parse((await t.run("docker image inspect -f '{{json .Config.Env}}' httpd")).out) as string[];
    expect(env).toEqual([
      'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HTTPD_PREFIX=/usr/local/apache2',
      'HTTPD_VERSION=2.4.65',
      'HTTPD_SHA256=58b8be97d9940ec17f7656c0c6b9f41b618aac468b894b534148e3296c53b8b3',
      'HTTPD_PATCHES=',
    ]);
  });

  it('redis: docker-entrypoint.sh redis-server, WORKDIR /data, VOLUME /data, 6379', async () => {
    const t = newTerm();
    await t.setup('docker pull redis');
    expect((await t.run(`docker image inspect -f ${fmt} redis`)).out).toBe('["docker-entrypoint.sh"] ["redis-server"] {"6379/tcp":{}} /data {"/data":{}}\n');
  });

  it('postgres 18: PGDATA under /var/lib/postgresql/18, VOLUME /var/lib/postgresql, SIGINT (docker-library/postgres 18/trixie)', async () => {
    const t = newTerm();
    await t.setup('docker pull postgres');
    expect((await t.run(`docker image inspect -f ${fmt} postgres`)).out).toBe('["docker-entrypoint.sh"] ["postgres"] {"5432/tcp":{}}  {"/var/lib/postgresql":{}}\n');
    const env = JSON.parse((await t.run("docker image inspect -f '{{json .Config.Env}}' postgres")).out) as string[];
    expect(env).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/18/bin',
      'GOSU_VERSION=1.19',
      'LANG=en_US.utf8',
      'PG_MAJOR=18',
      'PG_VERSION=18.1-1.pgdg13+2',
      'PGDATA=/var/lib/postgresql/18/docker',
    ]);
    expect((await t.run("docker image inspect -f '{{.Config.StopSignal}}' postgres")).out).toBe('SIGINT\n');
  });

  it('traefik/whoami: ENTRYPOINT /whoami and no CMD (FROM scratch, traefik/whoami v1.11.0 Dockerfile)', async () => {
    const t = newTerm();
    await t.setup('docker pull traefik/whoami');
    expect((await t.run(`docker image inspect -f ${fmt} traefik/whoami`)).out).toBe('["/whoami"] null {"80/tcp":{}}  null\n');
  });

  it('nginx:alpine has its own env order and gcc line source; nginx:1.28 is bookworm with njs 0.8.10', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx:alpine', 'docker pull nginx:1.28');
    expect(JSON.parse((await t.run("docker image inspect -f '{{json .Config.Env}}' nginx:alpine")).out)).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'NGINX_VERSION=1.29.3',
      'PKG_RELEASE=1',
      'DYNPKG_RELEASE=1',
      'NJS_VERSION=0.9.4',
      'NJS_RELEASE=1',
    ]);
    expect(JSON.parse((await t.run("docker image inspect -f '{{json .Config.Env}}' nginx:1.28")).out)).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'NGINX_VERSION=1.28.0',
      'NJS_VERSION=0.8.10',
      'NJS_RELEASE=1~bookworm',
      'PKG_RELEASE=1~bookworm',
      'DYNPKG_RELEASE=1~bookworm',
    ]);
  });

  it('docker ps COMMAND truncates to 20 runes with an ellipsis (cli formatter)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name webby httpd', 'docker run -d --name cache redis', 'docker run -d --name who traefik/whoami', 'docker run -d --name web nginx');
    const rows = lines((await t.run("docker ps --format '{{.Names}} {{.Command}}'")).out);
    expect(rows).toEqual(['web "/docker-entrypoint.…"', 'who "/whoami"', 'cache "docker-entrypoint.s…"', 'webby "httpd-foreground"']);
  });
});
