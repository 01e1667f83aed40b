/**
 * The images the simulated registry holds. Each knows its history, default command, exposed ports,
 * the programs its filesystem has (nginx and ubuntu have no ping) and the servers it runs.
 */

import type { ImageSpec } from '../types';

export type { HistoryLayer, ImageSpec, ShellFlavor } from '../types';

const BUSYBOX_APPLETS = [
  'sh', 'ash', 'cat', 'echo', 'env', 'printenv', 'hostname', 'ip', 'ifconfig', 'route', 'ping', 'nslookup', 'wget',
  'sleep', 'grep', 'head', 'tail', 'wc', 'ls', 'ps', 'uname', 'id', 'whoami', 'true', 'false', 'date', 'clear',
  'exit', 'arp', 'netstat', 'traceroute', 'nc', 'which', 'seq', 'sort', 'uniq', 'cut', 'tr', 'history', 'help',
  'top', 'kill', 'mkdir', 'touch', 'rm', 'pwd', 'cd', 'test', 'ping6', 'awk', 'sed', 'find', 'xargs', 'tee', 'vi', 'less',
  'more', 'cp', 'mv', 'chmod', 'chown', 'ln', 'busybox', 'httpd', 'telnet', 'tftp', 'free', 'df', 'du', 'mount', 'watch',
  'udhcpc', 'nslookup', 'ipcalc', 'hexdump', 'od', 'base64', 'md5sum', 'sha256sum', 'gzip', 'tar', 'unzip', 'su', 'login',
];

const COREUTILS = [
  'sh', 'bash', 'cat', 'echo', 'env', 'printenv', 'hostname', 'sleep', 'grep', 'head', 'tail', 'wc', 'ls', 'uname',
  'id', 'whoami', 'true', 'false', 'date', 'clear', 'exit', 'seq', 'sort', 'uniq', 'cut', 'tr', 'history', 'help',
  'kill', 'mkdir', 'touch', 'rm', 'pwd', 'cd', 'test', 'which', 'awk', 'sed', 'find', 'xargs', 'tee', 'cp', 'mv', 'chmod',
  'chown', 'ln', 'df', 'du', 'mount', 'su', 'apt', 'apt-get', 'dpkg', 'gzip', 'tar', 'base64', 'md5sum', 'sha256sum',
];

const ALPINE_OS = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.22.2
PRETTY_NAME="Alpine Linux v3.22"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;

const DEBIAN_OS = `PRETTY_NAME="Debian GNU/Linux 13 (trixie)"
NAME="Debian GNU/Linux"
VERSION_ID="13"
VERSION="13 (trixie)"
VERSION_CODENAME=trixie
DEBIAN_VERSION_FULL=13.1
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const UBUNTU_OS = `PRETTY_NAME="Ubuntu 24.04.3 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.3 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BK = 'buildkit.dockerfile.v0';

export const IMAGES: ImageSpec[] = [
  {
    repository: 'alpine',
    tag: 'latest',
    id: 'sha256:0700ed23a559496d17c75ae62c6a52a0a216882f081d9a894ade7107b16aca20',
    digest: 'sha256:4b7ce07002c69e8f3d704a9c5d6fd3053be500b7f1c69fc0d80990c2ad8dd412',
    ageDays: 38,
    size: 8_310_000,
    entrypoint: null,
    cmd: ['/bin/sh'],
    exposedPorts: [],
    env: [PATH_ENV],
    workingDir: '/',
    shell: 'busybox',
    osRelease: ALPINE_OS,
    programs: [...BUSYBOX_APPLETS, 'apk'],
    toolset: 'busybox',
    layers: [
      { createdBy: 'ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', size: 8_310_000, comment: BK, ageDays: 0, empty: false },
      { createdBy: 'CMD ["/bin/sh"]', size: 0, comment: BK, ageDays: 0, empty: true },
    ],
    labels: {},
  },
  {
    repository: 'busybox',
    tag: 'latest',
    id: 'sha256:08e1d02415d20a78c527e4976750e8ed510336ebaeb7837ada31719956615245',
    digest: 'sha256:d82f458899c9696cb26a7c02d5568f81c8c8223f8661bb2a7988b269c8b9051e',
    ageDays: 420,
    size: 4_270_000,
    entrypoint: null,
    cmd: ['sh'],
    exposedPorts: [],
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    workingDir: '/',
    shell: 'busybox',
    osRelease: '',
    programs: BUSYBOX_APPLETS,
    toolset: 'busybox',
    layers: [
      { createdBy: 'BusyBox 1.37.0 (glibc), Debian 12', size: 4_270_000, comment: '', ageDays: 0, empty: false },
      { createdBy: 'CMD ["sh"]', size: 0, comment: '', ageDays: 0, empty: true },
    ],
    labels: {},
  },
  {
    repository: 'nginx',
    tag: 'latest',
    id: 'sha256:557237b2dea748e489a14352acd341d908fc6ddc64178b267e3979674ec7643e',
    digest: 'sha256:553f64aecdc31b5bf944521731cd70e35da4faed96b2b7548a3d8e2598c52a42',
    ageDays: 12,
    size: 192_000_000,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    exposedPorts: ['80/tcp'],
    env: [PATH_ENV, 'NGINX_VERSION=1.29.3', 'NJS_VERSION=0.9.4', 'NJS_RELEASE=1~trixie', 'PKG_RELEASE=1~trixie', 'DYNPKG_RELEASE=1~trixie'],
    workingDir: '/',
    shell: 'bash',
    osRelease: DEBIAN_OS,
    programs: [...COREUTILS, 'curl', 'nginx'],
    toolset: 'gnu',
    layers: [
      { createdBy: '# debian.sh --arch \'amd64\' out/ \'trixie\' \'@1763337600\'', size: 78_600_000, comment: 'debuerreotype 0.16', ageDays: 6, empty: false },
      { createdBy: 'LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'ENV NGINX_VERSION=1.29.3', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'ENV NJS_VERSION=0.9.4', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'ENV PKG_RELEASE=1~trixie', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx', size: 113_000_000, comment: BK, ageDays: 0, empty: false },
      { createdBy: 'COPY docker-entrypoint.sh / # buildkit', size: 1_620, comment: BK, ageDays: 0, empty: false },
      { createdBy: 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', size: 2_120, comment: BK, ageDays: 0, empty: false },
      { createdBy: 'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', size: 3_020, comment: BK, ageDays: 0, empty: false },
      { createdBy: 'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', size: 4_620, comment: BK, ageDays: 0, empty: false },
      { createdBy: 'ENTRYPOINT ["/docker-entrypoint.sh"]', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'EXPOSE map[80/tcp:{}]', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'STOPSIGNAL SIGQUIT', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'CMD ["nginx" "-g" "daemon off;"]', size: 0, comment: BK, ageDays: 0, empty: true },
    ],
    labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
    stopSignal: 'SIGQUIT',
  },
  {
    repository: 'ubuntu',
    tag: 'latest',
    id: 'sha256:1fdab0ed912373cabc898967df9d88b5e085dc8406db98fb653a7368c01df909',
    digest: 'sha256:66460d557b25769b102175144d538d88219c077c678a49af4afca6fbfc1b5252',
    ageDays: 45,
    size: 78_100_000,
    entrypoint: null,
    cmd: ['/bin/bash'],
    exposedPorts: [],
    env: [PATH_ENV],
    workingDir: '/',
    shell: 'bash',
    osRelease: UBUNTU_OS,
    programs: COREUTILS,
    toolset: 'gnu',
    layers: [
      { createdBy: '/bin/sh -c #(nop)  ARG RELEASE', size: 0, comment: '', ageDays: 0, empty: true },
      { createdBy: '/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH', size: 0, comment: '', ageDays: 0, empty: true },
      { createdBy: '/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu', size: 0, comment: '', ageDays: 0, empty: true },
      { createdBy: '/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=24.04', size: 0, comment: '', ageDays: 0, empty: true },
      { createdBy: '/bin/sh -c #(nop) ADD file:249ca2bea5c6bd5a47a3a2e80b8b8b3e2b47e1a2e3a34bc9f3b59ab5d7b8e35d in / ', size: 78_100_000, comment: '', ageDays: 0, empty: false },
      { createdBy: '/bin/sh -c #(nop)  CMD ["/bin/bash"]', size: 0, comment: '', ageDays: 0, empty: true },
    ],
    labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' },
  },
  {
    repository: 'nicolaka/netshoot',
    tag: 'latest',
    id: 'sha256:904c82c67ce08f72373b0291923b8b3dcc76552b827e155c5cd60d66b0d017ba',
    digest: 'sha256:a20c2531bf35985c8e9d1b1ce9f4fa86ffd64ab98c1e6a3f7d1f5c1e2c0b0d23',
    ageDays: 160,
    size: 388_000_000,
    entrypoint: null,
    cmd: ['zsh'],
    exposedPorts: [],
    env: [PATH_ENV],
    workingDir: '/root',
    shell: 'zsh',
    osRelease: ALPINE_OS,
    programs: [...BUSYBOX_APPLETS, 'apk', 'bash', 'zsh', 'curl', 'dig', 'host', 'iptables', 'bridge', 'ss', 'tcpdump', 'nmap', 'iperf3', 'brctl', 'ethtool'],
    toolset: 'gnu',
    layers: [
      { createdBy: 'ADD alpine-minirootfs-3.22.0-x86_64.tar.gz / # buildkit', size: 8_300_000, comment: BK, ageDays: 0, empty: false },
      { createdBy: 'CMD ["/bin/sh"]', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'RUN /bin/sh -c set -ex     && echo "http://dl-cdn.alpinelinux.org/alpine/edge/main" >> /etc/apk/repositories     && apk update     && apk upgrade     && apk add --no-cache     apache2-utils     bash     bind-tools     bird     bridge-utils     busybox-extras     conntrack-tools     curl     dhcping     drill     ethtool     file    fping     iftop     iperf     iperf3     iproute2     ipset     iptables     iptraf-ng     iputils     ipvsadm     jq     libc6-compat     liboping     ltrace     mtr     net-snmp-tools     netcat-openbsd     nftables     ngrep     nmap     nmap-nping     nmap-scripts     openssl     py3-pip     py3-setuptools     scapy     socat     speedtest-cli     openssh     oh-my-zsh     strace     tcpdump     tcptraceroute     trippy     tshark     util-linux     vim     git     zsh     websocat     swaks     perl-crypt-ssleay     perl-net-ssleay # buildkit', size: 352_000_000, comment: BK, ageDays: 0, empty: false },
      { createdBy: 'WORKDIR /root', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'ENV HOSTNAME=netshoot', size: 0, comment: BK, ageDays: 0, empty: true },
      { createdBy: 'CMD ["zsh"]', size: 0, comment: BK, ageDays: 0, empty: true },
    ],
    labels: {},
  },
];

/** Splits "repo:tag" (or "repo@sha256:..."); the tag defaults to latest. */
export function parseImageRef(ref: string): { repository: string; tag: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { repository: ref.slice(0, at), tag: 'latest' };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: 'latest' };
}

const TAGS: Record<string, string[]> = {
  alpine: ['latest', '3', '3.22', '3.22.2'],
  busybox: ['latest', '1', '1.37', '1.37.0', 'stable'],
  nginx: ['latest', '1', '1.29', '1.29.3', 'mainline'],
  ubuntu: ['latest', '24.04', 'noble'],
  'nicolaka/netshoot': ['latest', 'v0.14'],
};

export function registryTags(repo: string): string[] {
  return TAGS[repo] ?? [];
}

/** The registry side: which image a reference names, if it exists. `library/` and `docker.io/` prefixes are accepted. */
export function findRegistryImage(ref: string): ImageSpec | undefined {
  const { repository, tag } = parseImageRef(ref);
  const repo = repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const img = IMAGES.find((i) => i.repository === repo);
  if (!img) return undefined;
  return TAGS[repo]?.includes(tag) ? img : undefined;
}

export function imageById(id: string): ImageSpec | undefined {
  return IMAGES.find((i) => i.id === id);
}

export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
