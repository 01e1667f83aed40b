/** Server images learners reach for: httpd, redis, postgres and traefik/whoami (Docker Hub, 2025-11-20). */

import { HTTPD_INDEX_MTIME, HTTPD_IT_WORKS } from '../../../apps/servers/httpd';
import type { ImageSpec } from '../../types';
import { ALPINE_PROGRAMS, alpineFiles, DEBIAN_PROGRAMS, debianFiles, image, layer, PATH_ENV, ROOT_DIRS, type CatalogEntry } from './base';

export { HTTPD_INDEX_MTIME };

const HTTPD_SHA256 = '58b8be97d9940ec17f7656c0c6b9f41b618aac468b894b534148e3296c53b8b3';

function httpd(alpine: boolean): ImageSpec {
  const files = alpine ? alpineFiles('3.22.2') : debianFiles('trixie');
  return image({
    repository: 'httpd',
    tag: alpine ? '2.4.65-alpine' : '2.4.65',
    ageDays: 20,
    size: alpine ? 62_300_000 : 117_000_000,
    entrypoint: null,
    cmd: ['httpd-foreground'],
    exposedPorts: ['80/tcp'],
    env: ['PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HTTPD_PREFIX=/usr/local/apache2', 'HTTPD_VERSION=2.4.65', `HTTPD_SHA256=${HTTPD_SHA256}`, 'HTTPD_PATCHES='],
    workingDir: '/usr/local/apache2',
    shell: alpine ? 'busybox' : 'bash',
    osRelease: files['/etc/os-release']!,
    programs: [...(alpine ? ALPINE_PROGRAMS : DEBIAN_PROGRAMS), 'httpd', 'httpd-foreground', 'apachectl', 'ab', 'htpasswd'],
    toolset: alpine ? 'busybox' : 'gnu',
    libc: alpine ? 'musl' : 'glibc',
    unameOs: alpine ? 'Linux' : 'GNU/Linux',
    files: { ...files, '/usr/local/apache2/htdocs/index.html': HTTPD_IT_WORKS },
    dirs: {
      '/': ROOT_DIRS,
      '/usr/local/apache2': ['bin', 'build', 'cgi-bin', 'conf', 'error', 'htdocs', 'icons', 'include', 'logs', 'modules'],
      '/usr/local/apache2/htdocs': ['index.html'],
    },
    layers: [
      alpine ? layer('ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', 8_310_000) : layer("# debian.sh --arch 'amd64' out/ 'trixie' '@1763337600'", 78_600_000, 'debuerreotype 0.16'),
      layer('ENV HTTPD_PREFIX=/usr/local/apache2'),
      layer('ENV PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
      layer('RUN /bin/sh -c mkdir -p "$HTTPD_PREFIX"  && chown www-data:www-data "$HTTPD_PREFIX" # buildkit', 4_096),
      layer('WORKDIR /usr/local/apache2'),
      layer('ENV HTTPD_VERSION=2.4.65'),
      layer(`ENV HTTPD_SHA256=${HTTPD_SHA256}`),
      layer('ENV HTTPD_PATCHES='),
      layer('RUN /bin/sh -c set -eux;   savedAptMark="$(apt-mark showmanual)"; ... ./configure ... make install # buildkit', alpine ? 52_000_000 : 37_000_000),
      layer('STOPSIGNAL SIGWINCH'),
      layer('COPY httpd-foreground /usr/local/bin/ # buildkit', 138),
      layer('EXPOSE map[80/tcp:{}]'),
      layer('CMD ["httpd-foreground"]'),
    ],
    labels: {},
    stopSignal: 'SIGWINCH',
    server: {
      app: 'httpd',
      programs: ['httpd-foreground', 'httpd'],
      version: '2.4.65',
      build: '',
      // event MPM, StartServers 3; the children run as www-data (uid 33 on Debian, 82 on Alpine).
      processes: [
        { pid: 1, ppid: 0, uid: 0, user: 'root', cmd: 'httpd -DFOREGROUND' },
        ...[8, 9, 10].map((pid) => ({ pid, ppid: 1, uid: alpine ? 82 : 33, user: 'www-data', cmd: 'httpd -DFOREGROUND' })),
      ],
    },
  });
}

function redis(version: string, alpine: boolean): ImageSpec {
  const files = alpine ? alpineFiles('3.22.2', 'redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin\n', 'redis:x:1000:redis\n') : debianFiles('bookworm', 'redis:x:999:999::/home/redis:/bin/sh\n', 'redis:x:999:\n');
  return image({
    repository: 'redis',
    tag: alpine ? `${version}-alpine` : version,
    ageDays: 17,
    size: alpine ? 61_300_000 : 137_000_000,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    exposedPorts: ['6379/tcp'],
    env: [PATH_ENV, `REDIS_DOWNLOAD_URL=https://github.com/redis/redis/archive/refs/tags/${version}.tar.gz`],
    workingDir: '/data',
    volumes: ['/data'],
    shell: alpine ? 'busybox' : 'bash',
    osRelease: files['/etc/os-release']!,
    programs: [...(alpine ? ALPINE_PROGRAMS : DEBIAN_PROGRAMS), 'redis-server', 'redis-cli', 'redis-benchmark', 'redis-check-aof', 'redis-check-rdb', 'redis-sentinel', 'gosu', 'docker-entrypoint.sh'],
    toolset: alpine ? 'busybox' : 'gnu',
    libc: alpine ? 'musl' : 'glibc',
    unameOs: alpine ? 'Linux' : 'GNU/Linux',
    files,
    dirs: { '/': ROOT_DIRS, '/data': [] },
    layers: [
      alpine ? layer('ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', 8_310_000) : layer("# debian.sh --arch 'amd64' out/ 'bookworm' '@1763337600'", 74_800_000, 'debuerreotype 0.16'),
      layer('RUN /bin/sh -c set -eux; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis # buildkit', 4_600),
      layer('ENV GOSU_VERSION=1.17'),
      layer('RUN /bin/sh -c set -eux; ... gosu ... # buildkit', 4_200_000),
      layer(`ENV REDIS_DOWNLOAD_URL=https://github.com/redis/redis/archive/refs/tags/${version}.tar.gz`),
      layer('RUN /bin/sh -c set -eux; ... make -C /usr/src/redis install ... # buildkit', alpine ? 48_000_000 : 58_000_000),
      layer('RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit'),
      layer('VOLUME [/data]'),
      layer('WORKDIR /data'),
      layer('COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', 661),
      layer('ENTRYPOINT ["docker-entrypoint.sh"]'),
      layer('EXPOSE map[6379/tcp:{}]'),
      layer('CMD ["redis-server"]'),
    ],
    labels: {},
    server: {
      app: 'redis',
      programs: ['redis-server'],
      version,
      build: '',
      // The entrypoint drops to the redis user (uid 999) before exec'ing the server.
      processes: [{ pid: 1, ppid: 0, uid: 999, user: 'redis', cmd: 'redis-server *:6379' }],
    },
  });
}

function postgres(version: string, debVersion: string, base: 'trixie' | 'bookworm' | 'alpine'): ImageSpec {
  const alpine = base === 'alpine';
  const major = version.split('.')[0]!;
  const files = alpine
    ? alpineFiles('3.22.2', 'postgres:x:70:70:PostgreSQL user:/var/lib/postgresql:/bin/sh\n', 'postgres:x:70:\n')
    : debianFiles(base, 'postgres:x:999:999::/var/lib/postgresql:/bin/bash\n', 'postgres:x:999:\n');
  const pgdata = Number(major) >= 18 ? `/var/lib/postgresql/${major}/docker` : '/var/lib/postgresql/data';
  const uid = alpine ? 70 : 999;
  const bg = ['io worker 0', 'io worker 1', 'io worker 2', 'checkpointer', 'background writer', 'walwriter', 'autovacuum launcher', 'logical replication launcher'];
  const kids = Number(major) >= 18 ? bg : bg.slice(3);
  return image({
    repository: 'postgres',
    tag: alpine ? `${version}-alpine3.22` : `${version}-${base}`,
    ageDays: 9,
    size: alpine ? 278_000_000 : 456_000_000,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    exposedPorts: ['5432/tcp'],
    env: alpine
      ? [PATH_ENV, 'GOSU_VERSION=1.19', 'LANG=en_US.utf8', `PG_MAJOR=${major}`, `PG_VERSION=${version}`, `PGDATA=${pgdata}`]
      : [`${PATH_ENV}:/usr/lib/postgresql/${major}/bin`, 'GOSU_VERSION=1.19', 'LANG=en_US.utf8', `PG_MAJOR=${major}`, `PG_VERSION=${debVersion}`, `PGDATA=${pgdata}`],
    workingDir: '/',
    volumes: [Number(major) >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data'],
    shell: alpine ? 'busybox' : 'bash',
    osRelease: files['/etc/os-release']!,
    programs: [...(alpine ? ALPINE_PROGRAMS : DEBIAN_PROGRAMS), 'postgres', 'psql', 'pg_ctl', 'initdb', 'pg_dump', 'pg_isready', 'createdb', 'gosu', 'docker-entrypoint.sh'],
    toolset: alpine ? 'busybox' : 'gnu',
    libc: alpine ? 'musl' : 'glibc',
    unameOs: alpine ? 'Linux' : 'GNU/Linux',
    files,
    dirs: { '/': ROOT_DIRS },
    layers: [
      alpine ? layer('ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', 8_310_000) : layer(`# debian.sh --arch 'amd64' out/ '${base}' '@1763337600'`, base === 'trixie' ? 78_600_000 : 74_800_000, 'debuerreotype 0.16'),
      layer('RUN /bin/sh -c set -eux; groupadd -r postgres --gid=999; useradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; # buildkit', 4_400),
      layer('ENV GOSU_VERSION=1.19'),
      layer('RUN /bin/sh -c set -eux; ... gosu ... # buildkit', 4_300_000),
      layer('ENV LANG=en_US.utf8'),
      layer(`ENV PG_MAJOR=${major}`),
      layer(`ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/${major}/bin`),
      layer(`ENV PG_VERSION=${alpine ? version : debVersion}`),
      layer('RUN /bin/sh -c set -ex; ... apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR=$PG_VERSION" ... # buildkit', alpine ? 265_000_000 : 360_000_000),
      layer(`ENV PGDATA=${pgdata}`),
      layer(`VOLUME [${Number(major) >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data'}]`),
      layer('COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit', 16_400),
      layer('ENTRYPOINT ["docker-entrypoint.sh"]'),
      layer('STOPSIGNAL SIGINT'),
      layer('EXPOSE map[5432/tcp:{}]'),
      layer('CMD ["postgres"]'),
    ],
    labels: {},
    stopSignal: 'SIGINT',
    server: {
      app: 'postgres',
      programs: ['postgres'],
      version: alpine ? version : `${version} (Debian ${debVersion})`,
      build: alpine ? 'gcc (Alpine 14.2.0) 14.2.0' : base === 'trixie' ? 'gcc (Debian 14.2.0-19) 14.2.0' : 'gcc (Debian 12.2.0-14) 12.2.0',
      processes: [
        { pid: 1, ppid: 0, uid, user: 'postgres', cmd: 'postgres' },
        ...kids.map((name, i) => ({ pid: 64 + i, ppid: 1, uid, user: 'postgres', cmd: `postgres: ${name}` })),
      ],
    },
  });
}

function whoami(): ImageSpec {
  return image({
    repository: 'traefik/whoami',
    tag: 'v1.11.0',
    ageDays: 250,
    size: 6_900_000,
    entrypoint: ['/whoami'],
    cmd: [],
    exposedPorts: ['80/tcp'],
    env: [PATH_ENV],
    workingDir: '/',
    shell: 'busybox',
    osRelease: '',
    // FROM scratch: the binary, zoneinfo and CA certificates; no shell and no tools.
    programs: ['whoami'],
    toolset: 'busybox',
    libc: 'static',
    files: {},
    dirs: { '/': ['dev', 'etc', 'proc', 'sys', 'usr', 'whoami'] },
    layers: [
      layer('COPY /usr/share/zoneinfo /usr/share/zoneinfo # buildkit', 1_460_000),
      layer('COPY /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ # buildkit', 223_000),
      layer('COPY /go/whoami/whoami . # buildkit', 5_200_000),
      layer('ENTRYPOINT ["/whoami"]'),
      layer('EXPOSE map[80/tcp:{}]'),
    ],
    labels: {},
    server: { app: 'whoami', programs: ['whoami'], version: '1.11.0', build: '', processes: [{ pid: 1, ppid: 0, uid: 0, user: 'root', cmd: '/whoami' }] },
  });
}

export const SERVER_IMAGES: CatalogEntry[] = [
  { spec: httpd(false), tags: ['latest', '2', '2.4', '2.4.65', 'trixie', '2-trixie', '2.4-trixie', '2.4.65-trixie'] },
  { spec: httpd(true), tags: ['alpine', '2-alpine', '2.4-alpine', '2.4.65-alpine', 'alpine3.22', '2-alpine3.22', '2.4-alpine3.22', '2.4.65-alpine3.22'] },
  { spec: redis('8.4.0', false), tags: ['latest', '8', '8.4', '8.4.0', 'bookworm', '8-bookworm', '8.4-bookworm', '8.4.0-bookworm'] },
  { spec: redis('8.4.0', true), tags: ['alpine', '8-alpine', '8.4-alpine', '8.4.0-alpine', 'alpine3.22', '8-alpine3.22', '8.4-alpine3.22', '8.4.0-alpine3.22'] },
  { spec: redis('8.2.3', false), tags: ['8.2', '8.2.3', '8.2-bookworm', '8.2.3-bookworm'] },
  { spec: postgres('18.1', '18.1-1.pgdg13+2', 'trixie'), tags: ['latest', '18', '18.1', 'trixie', '18-trixie', '18.1-trixie'] },
  { spec: postgres('18.1', '18.1-1.pgdg12+2', 'bookworm'), tags: ['bookworm', '18-bookworm', '18.1-bookworm'] },
  { spec: postgres('18.1', '', 'alpine'), tags: ['alpine', '18-alpine', '18.1-alpine', 'alpine3.22', '18-alpine3.22', '18.1-alpine3.22'] },
  { spec: postgres('17.7', '17.7-1.pgdg13+1', 'trixie'), tags: ['17', '17.7', '17-trixie', '17.7-trixie'] },
  { spec: postgres('16.11', '16.11-1.pgdg13+1', 'trixie'), tags: ['16', '16.11', '16-trixie', '16.11-trixie'] },
  { spec: whoami(), tags: ['latest', 'v1.11.0', 'v1.11', 'v1'] },
];
