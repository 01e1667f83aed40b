/** ubuntu and nicolaka/netshoot: a bare distribution and the networking toolbox. */

import { ALPINE_PROGRAMS, alpineFiles, BK, DEBIAN_GROUP, DEBIAN_PASSWD, DEBIAN_PROGRAMS, image, layer, PATH_ENV, ROOT_DIRS, type CatalogEntry } from './base';

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

const UBUNTU = image({
  repository: 'ubuntu',
  tag: '24.04',
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
  programs: DEBIAN_PROGRAMS,
  toolset: 'gnu',
  libc: 'glibc',
  // Ubuntu's base-passwd has the same users as Debian's plus `ubuntu` (uid 1000).
  files: { '/etc/os-release': UBUNTU_OS, '/etc/passwd': `${DEBIAN_PASSWD}ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n`, '/etc/group': `${DEBIAN_GROUP}ubuntu:x:1000:\n` },
  dirs: { '/': ROOT_DIRS },
  layers: [
    layer('/bin/sh -c #(nop)  ARG RELEASE', 0, ''),
    layer('/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH', 0, ''),
    layer('/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu', 0, ''),
    layer('/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=24.04', 0, ''),
    layer('/bin/sh -c #(nop) ADD file:249ca2bea5c6bd5a47a3a2e80b8b8b3e2b47e1a2e3a34bc9f3b59ab5d7b8e35d in / ', 78_100_000, ''),
    layer('/bin/sh -c #(nop)  CMD ["/bin/bash"]', 0, ''),
  ],
  labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' },
});

const NETSHOOT_TOOLS = [
  'bash', 'zsh', 'curl', 'dig', 'host', 'drill', 'nslookup', 'iptables', 'iptables-save', 'ip6tables', 'nft', 'bridge', 'ss', 'ip',
  'tcpdump', 'tshark', 'nmap', 'iperf', 'iperf3', 'brctl', 'ethtool', 'ping', 'ping6', 'traceroute', 'mtr', 'nc', 'socat', 'conntrack',
  'ipvsadm', 'ipset', 'jq', 'openssl', 'ssh', 'scp', 'strace', 'ltrace', 'tcptraceroute', 'fping', 'iftop', 'ngrep', 'vim', 'git',
  'websocat', 'swaks', 'speedtest-cli', 'ab', 'file', 'dhcping', 'nsenter', 'unshare', 'lsns', 'netstat', 'arp', 'route', 'ifconfig',
];

const NETSHOOT = image({
  repository: 'nicolaka/netshoot',
  tag: 'v0.14',
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
  osRelease: alpineFiles('3.22.0')['/etc/os-release']!,
  programs: [...new Set([...ALPINE_PROGRAMS, ...NETSHOOT_TOOLS])],
  toolset: 'gnu',
  libc: 'musl',
  unameOs: 'Linux',
  files: alpineFiles('3.22.0'),
  dirs: { '/': ROOT_DIRS },
  layers: [
    layer('ADD alpine-minirootfs-3.22.0-x86_64.tar.gz / # buildkit', 8_300_000),
    layer('CMD ["/bin/sh"]', 0, BK),
    layer(
      'RUN /bin/sh -c set -ex     && echo "http://dl-cdn.alpinelinux.org/alpine/edge/main" >> /etc/apk/repositories     && apk update     && apk upgrade     && apk add --no-cache     apache2-utils     bash     bind-tools     bird     bridge-utils     busybox-extras     conntrack-tools     curl     dhcping     drill     ethtool     file    fping     iftop     iperf     iperf3     iproute2     ipset     iptables     iptraf-ng     iputils     ipvsadm     jq     libc6-compat     liboping     ltrace     mtr     net-snmp-tools     netcat-openbsd     nftables     ngrep     nmap     nmap-nping     nmap-scripts     openssl     py3-pip     py3-setuptools     scapy     socat     speedtest-cli     openssh     oh-my-zsh     strace     tcpdump     tcptraceroute     trippy     tshark     util-linux     vim     git     zsh     websocat     swaks     perl-crypt-ssleay     perl-net-ssleay # buildkit',
      352_000_000,
    ),
    layer('WORKDIR /root'),
    layer('ENV HOSTNAME=netshoot'),
    layer('CMD ["zsh"]'),
  ],
  labels: {},
});

export const MISC: CatalogEntry[] = [
  { spec: UBUNTU, tags: ['latest', '24.04', 'noble'] },
  { spec: NETSHOOT, tags: ['latest', 'v0.14'] },
];
