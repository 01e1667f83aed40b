/** nginx: mainline 1.29.3 (Debian 13 and Alpine 3.22), stable 1.28.0 (Debian 12, Alpine 3.21) and older numbered tags. */

import { NGINX_50X, NGINX_HTML_MTIME, NGINX_WELCOME } from '../../../apps/servers/nginx';
import type { ImageProcess, ImageSpec } from '../../types';
import { ALPINE_PROGRAMS, alpineFiles, BK, DEBIAN_PROGRAMS, debianFiles, image, layer, PATH_ENV, ROOT_DIRS, type CatalogEntry } from './base';
import { NGINX_CONF, NGINX_DEFAULT_CONF } from './nginx-conf';

export { NGINX_HTML_MTIME };

const MAINTAINER = 'NGINX Docker Maintainers <docker-maint@nginx.com>';

/** The master and one worker per CPU (worker_processes auto; the lab's hosts have 2). */
function processes(user: string): ImageProcess[] {
  return [
    { pid: 1, ppid: 0, uid: 0, user: 'root', cmd: 'nginx: master process nginx -g daemon off;' },
    { pid: 29, ppid: 1, uid: 101, user, cmd: 'nginx: worker process' },
    { pid: 30, ppid: 1, uid: 101, user, cmd: 'nginx: worker process' },
  ];
}

const FILES = {
  '/etc/nginx/nginx.conf': NGINX_CONF,
  '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
  '/usr/share/nginx/html/index.html': NGINX_WELCOME,
  '/usr/share/nginx/html/50x.html': NGINX_50X,
};

const DIRS = {
  '/': [...ROOT_DIRS, 'docker-entrypoint.d', 'docker-entrypoint.sh'].sort(),
  '/etc/nginx': ['conf.d', 'fastcgi_params', 'mime.types', 'modules', 'nginx.conf', 'scgi_params', 'uwsgi_params'],
  '/etc/nginx/conf.d': ['default.conf'],
  '/usr/share/nginx/html': ['50x.html', 'index.html'],
  '/docker-entrypoint.d': ['10-listen-on-ipv6-by-default.sh', '15-local-resolvers.envsh', '20-envsubst-on-templates.sh', '30-tune-worker-processes.sh'],
  '/var/log/nginx': ['access.log', 'error.log'],
};

interface NginxVariant {
  version: string;
  base: 'trixie' | 'bookworm' | 'alpine';
  alpine?: string;
  njs?: string;
  slim?: boolean;
  size: number;
  ageDays: number;
  gcc: string;
  id?: string;
  digest?: string;
}

function nginx(v: NginxVariant): ImageSpec {
  const debian = v.base !== 'alpine';
  const rel = debian ? `1~${v.base}` : '1';
  const newEnv = !v.version.startsWith('1.2') || Number(v.version.split('.')[1]) >= 27;
  const env = debian
    ? [PATH_ENV, `NGINX_VERSION=${v.version}`, `NJS_VERSION=${v.njs}`, ...(newEnv ? [`NJS_RELEASE=${rel}`] : []), `PKG_RELEASE=${rel}`, ...(newEnv ? [`DYNPKG_RELEASE=${rel}`] : [])]
    : [PATH_ENV, `NGINX_VERSION=${v.version}`, `PKG_RELEASE=${rel}`, ...(newEnv ? [`DYNPKG_RELEASE=${rel}`] : []), ...(v.slim ? [] : [`NJS_VERSION=${v.njs}`, ...(newEnv ? [`NJS_RELEASE=${rel}`] : [])])];
  const tag = debian ? v.version : `${v.version}-alpine${v.slim ? '-slim' : ''}`;
  const passwdLine = debian ? 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n' : 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n';
  const files = debian ? debianFiles(v.base === 'trixie' ? 'trixie' : 'bookworm', passwdLine, 'nginx:x:101:\n') : alpineFiles(v.alpine!, passwdLine, 'nginx:x:101:nginx\n');
  const baseLayer = debian
    ? layer(`# debian.sh --arch 'amd64' out/ '${v.base}' '@1763337600'`, v.base === 'trixie' ? 78_600_000 : 74_800_000, 'debuerreotype 0.16')
    : layer(`ADD alpine-minirootfs-${v.alpine}-x86_64.tar.gz / # buildkit`, 8_310_000);
  const install = debian
    ? 'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx'
    : 'RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx';
  return image({
    repository: 'nginx',
    tag,
    id: v.id,
    digest: v.digest,
    ageDays: v.ageDays,
    size: v.size,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    exposedPorts: ['80/tcp'],
    env,
    workingDir: '/',
    shell: debian ? 'bash' : 'busybox',
    osRelease: files['/etc/os-release']!,
    programs: debian ? [...DEBIAN_PROGRAMS, 'curl', 'nginx', 'nginx-debug', 'envsubst'] : [...ALPINE_PROGRAMS, 'nginx', 'nginx-debug', 'envsubst', ...(v.slim ? [] : ['curl'])],
    toolset: debian ? 'gnu' : 'busybox',
    libc: debian ? 'glibc' : 'musl',
    unameOs: debian ? 'GNU/Linux' : 'Linux',
    files: { ...files, ...FILES },
    dirs: { ...DIRS, '/etc': [...(debian ? ['debian_version'] : ['alpine-release']), 'group', 'hostname', 'hosts', 'nginx', 'os-release', 'passwd', 'resolv.conf'].sort() },
    layers: [
      baseLayer,
      layer(debian ? `CMD ["bash"]` : 'CMD ["/bin/sh"]', 0, debian ? 'debuerreotype 0.16' : BK),
      layer(`LABEL maintainer=${MAINTAINER}`),
      layer(`ENV NGINX_VERSION=${v.version}`),
      ...(v.slim || !debian ? [] : [layer(`ENV NJS_VERSION=${v.njs}`)]),
      layer(`ENV PKG_RELEASE=${rel}`),
      layer(install, debian ? 113_000_000 : v.slim ? 5_300_000 : 39_200_000),
      layer('COPY docker-entrypoint.sh / # buildkit', 1_620),
      layer('COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', 2_120),
      layer('COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit', 389),
      layer('COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', 3_020),
      layer('COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', 4_620),
      layer('ENTRYPOINT ["/docker-entrypoint.sh"]'),
      layer('EXPOSE map[80/tcp:{}]'),
      layer('STOPSIGNAL SIGQUIT'),
      layer('CMD ["nginx" "-g" "daemon off;"]'),
    ],
    labels: { maintainer: MAINTAINER },
    stopSignal: 'SIGQUIT',
    // The entrypoint's edit of default.conf, the pid file and nginx's temp dirs: `docker ps -s` shows 1.09kB.
    server: { app: 'nginx', programs: ['nginx', 'nginx-debug'], version: v.version, build: v.gcc, processes: processes('nginx'), startWrites: 1_093 },
  });
}

const TRIXIE_GCC = 'gcc 14.2.0 (Debian 14.2.0-19)';
const BOOKWORM_GCC = 'gcc 12.2.0 (Debian 12.2.0-14)';
const ALPINE_GCC = 'gcc 14.2.0 (Alpine 14.2.0)';
const ALPINE321_GCC = 'gcc 14.2.0 (Alpine 14.2.0)';

const mainline = ['mainline', '1', '1.29', '1.29.3'];
const withSuffix = (tags: string[], suffix: string) => tags.map((t) => `${t}-${suffix}`);

/** Older lines Docker Hub still serves (Debian 12 bases; medium confidence on the njs versions). */
const OLDER: [string, string, string][] = [
  ['1.27', '1.27.5', '0.8.10'],
  ['1.26', '1.26.3', '0.8.9'],
  ['1.25', '1.25.5', '0.8.4'],
  ['1.24', '1.24.0', '0.7.12'],
];

export const NGINX: CatalogEntry[] = [
  {
    spec: nginx({
      version: '1.29.3', base: 'trixie', njs: '0.9.4', size: 192_000_000, ageDays: 12, gcc: TRIXIE_GCC,
      id: 'sha256:557237b2dea748e489a14352acd341d908fc6ddc64178b267e3979674ec7643e',
      digest: 'sha256:553f64aecdc31b5bf944521731cd70e35da4faed96b2b7548a3d8e2598c52a42',
    }),
    tags: ['latest', 'trixie', ...mainline, ...withSuffix(mainline, 'trixie')],
  },
  {
    spec: nginx({ version: '1.29.3', base: 'alpine', alpine: '3.22.2', njs: '0.9.4', size: 52_800_000, ageDays: 12, gcc: ALPINE_GCC }),
    tags: ['alpine', 'alpine3.22', ...withSuffix(mainline, 'alpine'), ...withSuffix(mainline, 'alpine3.22')],
  },
  {
    spec: nginx({ version: '1.29.3', base: 'alpine', alpine: '3.22.2', slim: true, size: 13_400_000, ageDays: 12, gcc: ALPINE_GCC }),
    tags: ['alpine-slim', 'alpine3.22-slim', ...withSuffix(mainline, 'alpine-slim'), ...withSuffix(mainline, 'alpine3.22-slim')],
  },
  {
    spec: nginx({ version: '1.28.0', base: 'bookworm', njs: '0.8.10', size: 192_000_000, ageDays: 40, gcc: BOOKWORM_GCC }),
    tags: ['stable', '1.28', '1.28.0', 'stable-bookworm', '1.28-bookworm', '1.28.0-bookworm'],
  },
  {
    spec: nginx({ version: '1.28.0', base: 'alpine', alpine: '3.21.5', njs: '0.8.10', size: 52_500_000, ageDays: 40, gcc: ALPINE321_GCC }),
    tags: ['stable-alpine', '1.28-alpine', '1.28.0-alpine', 'stable-alpine3.21', '1.28-alpine3.21', '1.28.0-alpine3.21'],
  },
  {
    spec: nginx({ version: '1.28.0', base: 'alpine', alpine: '3.21.5', slim: true, size: 13_100_000, ageDays: 40, gcc: ALPINE321_GCC }),
    tags: ['stable-alpine-slim', '1.28-alpine-slim', '1.28.0-alpine-slim', 'stable-alpine3.21-slim', '1.28-alpine3.21-slim', '1.28.0-alpine3.21-slim'],
  },
  ...OLDER.flatMap(([minor, version, njs], i): CatalogEntry[] => [
    { spec: nginx({ version, base: 'bookworm', njs, size: 192_000_000 - i * 1_000_000, ageDays: 200 + i * 150, gcc: BOOKWORM_GCC }), tags: [minor, version, `${minor}-bookworm`, `${version}-bookworm`] },
    { spec: nginx({ version, base: 'alpine', alpine: '3.21.5', njs, size: 48_000_000 - i * 1_000_000, ageDays: 200 + i * 150, gcc: ALPINE321_GCC }), tags: [`${minor}-alpine`, `${version}-alpine`] },
  ]),
];

/** Real tags of variants the lab does not model (perl and otel builds): answered with a `sim:` line. */
export const NGINX_UNMODELED = /(^|-)(perl|otel)$/;
