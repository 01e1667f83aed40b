/** busybox: the official images (latest = the glibc build; musl and uclibc builds have their own tags). */

import { BUSYBOX_BIN, BUSYBOX_GROUP, BUSYBOX_PASSWD, image, layer, PATH_ENV, type CatalogEntry } from './base';

/** The musl build lacks the utmp applets (`ls /bin` of the real busybox:musl). */
const NO_UTMP = new Set(['last', 'runlevel', 'users', 'w', 'wall', 'who']);

function busybox(version: string, libc: 'glibc' | 'musl' | 'uclibc', size: number, extra: { id?: string; digest?: string } = {}) {
  const bin = libc === 'glibc' ? BUSYBOX_BIN : BUSYBOX_BIN.filter((a) => !NO_UTMP.has(a));
  const base = libc === 'glibc' ? (version.startsWith('1.37') ? 'Debian 13' : 'Debian 12') : libc === 'musl' ? 'Alpine' : 'Buildroot';
  return image({
    repository: 'busybox',
    tag: libc === 'glibc' ? version : `${version}-${libc}`,
    ...extra,
    ageDays: 420,
    size,
    entrypoint: null,
    cmd: ['sh'],
    exposedPorts: [],
    env: [PATH_ENV],
    workingDir: '/',
    shell: 'busybox',
    osRelease: '',
    programs: bin,
    toolset: 'busybox',
    libc,
    files: { '/etc/passwd': BUSYBOX_PASSWD, '/etc/group': BUSYBOX_GROUP },
    dirs: {
      '/': libc === 'glibc' ? ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'] : ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
      '/bin': bin,
      '/etc': libc === 'glibc' ? ['group', 'hostname', 'hosts', 'localtime', 'network', 'nsswitch.conf', 'passwd', 'resolv.conf', 'shadow'] : ['group', 'hostname', 'hosts', 'localtime', 'network', 'passwd', 'resolv.conf', 'shadow'],
    },
    layers: [layer(`BusyBox ${version} (${libc}), ${base}`, size, ''), layer('CMD ["sh"]', 0, '')],
    labels: {},
  });
}

const suffixed = (tags: string[], libc: string) => tags.map((t) => (t === 'latest' ? libc : `${t}-${libc}`));

export const BUSYBOX: CatalogEntry[] = [
  {
    spec: busybox('1.37.0', 'glibc', 4_270_000, {
      id: 'sha256:08e1d02415d20a78c527e4976750e8ed510336ebaeb7837ada31719956615245',
      digest: 'sha256:d82f458899c9696cb26a7c02d5568f81c8c8223f8661bb2a7988b269c8b9051e',
    }),
    tags: ['latest', '1', '1.37', '1.37.0', 'unstable', ...suffixed(['latest', '1', '1.37', '1.37.0', 'unstable'], 'glibc')],
  },
  { spec: busybox('1.37.0', 'musl', 1_470_000), tags: suffixed(['latest', '1', '1.37', '1.37.0', 'unstable'], 'musl') },
  { spec: busybox('1.37.0', 'uclibc', 1_460_000), tags: suffixed(['latest', '1', '1.37', '1.37.0', 'unstable'], 'uclibc') },
  { spec: busybox('1.36.1', 'glibc', 4_260_000), tags: ['stable', '1.36', '1.36.1', ...suffixed(['stable', '1.36', '1.36.1'], 'glibc')] },
  { spec: busybox('1.36.1', 'musl', 1_460_000), tags: suffixed(['stable', '1.36', '1.36.1'], 'musl') },
  { spec: busybox('1.36.1', 'uclibc', 1_450_000), tags: suffixed(['stable', '1.36', '1.36.1'], 'uclibc') },
];
