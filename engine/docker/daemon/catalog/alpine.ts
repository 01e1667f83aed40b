/** alpine: the official images of the four maintained releases (Docker Hub, 2025-11-20). */

import { ALPINE_BIN, ALPINE_PROGRAMS, alpineFiles, image, layer, PATH_ENV, ROOT_DIRS, type CatalogEntry } from './base';

const ETC = ['alpine-release', 'apk', 'group', 'hostname', 'hosts', 'os-release', 'passwd', 'profile', 'resolv.conf', 'shadow', 'shells', 'ssl'];

function alpine(version: string, size: number, extra: { id?: string; digest?: string } = {}) {
  return image({
    repository: 'alpine',
    tag: version,
    ...extra,
    ageDays: 38,
    size,
    entrypoint: null,
    cmd: ['/bin/sh'],
    exposedPorts: [],
    env: [PATH_ENV],
    workingDir: '/',
    shell: 'busybox',
    osRelease: alpineFiles(version)['/etc/os-release']!,
    programs: ALPINE_PROGRAMS,
    toolset: 'busybox',
    libc: 'musl',
    // Alpine builds busybox with CONFIG_UNAME_OSNAME="Linux" (aports main/busybox/busyboxconfig).
    unameOs: 'Linux',
    files: alpineFiles(version),
    dirs: { '/': ROOT_DIRS, '/bin': ALPINE_BIN, '/etc': ETC },
    layers: [layer(`ADD alpine-minirootfs-${version}-x86_64.tar.gz / # buildkit`, size), layer('CMD ["/bin/sh"]')],
    labels: {},
  });
}

export const ALPINE: CatalogEntry[] = [
  {
    spec: alpine('3.22.2', 8_310_000, {
      id: 'sha256:0700ed23a559496d17c75ae62c6a52a0a216882f081d9a894ade7107b16aca20',
      digest: 'sha256:4b7ce07002c69e8f3d704a9c5d6fd3053be500b7f1c69fc0d80990c2ad8dd412',
    }),
    tags: ['latest', '3', '3.22', '3.22.2'],
  },
  { spec: alpine('3.21.5', 7_830_000), tags: ['3.21', '3.21.5'] },
  { spec: alpine('3.20.8', 7_800_000), tags: ['3.20', '3.20.8'] },
  { spec: alpine('3.19.9', 7_380_000), tags: ['3.19', '3.19.9'] },
];
