import type { Program, ProgramTable } from '../shell/types';
import { completeArgs } from './complete';
import * as basic from './basic';
import * as filters from './filters';
import { brctl, bridge } from './bridge-tools';
import { iptables } from './iptables/index';
import { iptablesSave } from './iptables/save';
import { docker } from './docker/index';
import { curl } from './curl';
import { wget } from './wget';
import { httpd } from './httpd';
import { ip } from './ip';
import { nc } from './nc';
import { arp, ifconfig, route } from './net-tools';
import { ps } from './ps';
import { nginx } from './nginx';
import { redisCli } from './redis-cli';
import { ls } from './ls';
import { dig } from './dig';
import { drill } from './drill';
import { getent } from './getent';
import { host } from './host';
import { nslookup } from './nslookup';
import { ping } from './ping';
import { sed } from './sed/index';
import { ssh } from './ssh';
import { netstat, ss } from './sockets';
import { traceroute } from './traceroute';
import { sysctl } from './sysctl';
import { tcpdump } from './tcpdump';
import { nsenter } from './nsenter';
import { conntrack } from './conntrack';

/** Every program the lab knows. Whether one exists in a given place is decided by the image or host. */
export const PROGRAMS = {
  docker,
  ip,
  brctl,
  bridge,
  iptables,
  'iptables-save': iptablesSave,
  ping,
  ping6: ping,
  tcpdump,
  nsenter,
  conntrack,
  curl,
  wget,
  nc,
  httpd,
  nginx,
  ps,
  ifconfig,
  route,
  arp,
  'nginx-debug': nginx,
  'redis-cli': redisCli,
  nslookup,
  dig,
  host,
  drill,
  getent,
  ssh,
  ss,
  netstat,
  traceroute,
  sysctl,
  sudo: basic.sudo,
  echo: basic.echo,
  printf: basic.printf,
  cat: basic.cat,
  hostname: basic.hostname,
  env: basic.env,
  printenv: basic.printenv,
  sleep: basic.sleep,
  true: basic.trueProg,
  false: basic.falseProg,
  clear: basic.clear,
  history: basic.history,
  help: basic.help,
  pwd: basic.pwd,
  id: basic.id,
  whoami: basic.whoami,
  uname: basic.uname,
  date: basic.date,
  which: basic.which,
  ls,
  sh: basic.shProg,
  ash: basic.shProg,
  bash: basic.shProg,
  zsh: basic.shProg,
  grep: filters.grep,
  head: filters.head,
  tail: filters.tail,
  wc: filters.wc,
  sort: filters.sort,
  uniq: filters.uniq,
  cut: filters.cut,
  tr: filters.tr,
  sed,
} satisfies Record<string, Program>;

/**
 * Builtins of the real shells that the lab runs as programs: they exist wherever there is a shell.
 * (exit, cd, export, set, read… belong to the interpreter itself; true, false and pwd are programs
 * too because /bin/true and friends exist for `docker exec c1 true`.)
 */
const BUILTINS = new Set(['echo', 'printf', 'history', 'help', 'true', 'false', 'pwd']);

/** Programs a plain LAN machine (not a Docker host) does not have. */
const HOST_ONLY = new Set(['docker', 'brctl', 'iptables', 'iptables-save', 'bridge', 'conntrack']);

/** Real programs a learner may reach for that the lab does not simulate: say so instead of pretending they do not exist. */
const NOT_SIMULATED = new Set([
  'tracepath', 'mtr', 'ncat', 'telnet', 'nmap',
  'iperf3', 'ethtool', 'apt', 'apt-get', 'apk', 'yum', 'dnf', 'systemctl', 'service', 'journalctl', 'vi', 'vim',
  'nano', 'less', 'more', 'top', 'htop', 'kill', 'mkdir', 'touch', 'rm', 'cp', 'mv', 'chmod', 'su', 'nft',
  'ipvsadm', 'tshark', 'docker-compose', 'dockerd', 'containerd', 'runc', 'unshare',
  'seq', 'awk', 'find', 'xargs', 'tee', 'watch', 'ip6tables', 'ifup', 'ifdown', 'dhclient',
]);

const TABLE: ReadonlyMap<string, Program> = new Map(Object.entries(PROGRAMS));

/** What the lab hands the shell: every program, looked up by own name only. */
export const PROGRAM_TABLE: ProgramTable = {
  get: (name) => TABLE.get(name),
  names: () => [...TABLE.keys()],
  isBuiltin: (name) => BUILTINS.has(name),
  hostOnly: (name) => HOST_ONLY.has(name),
  notSimulated: (name) => NOT_SIMULATED.has(name),
  complete: completeArgs,
};

