import type { ProcessRow } from '../docker/api';
import { readFile } from '../shell/files';
import { containerOf, daemonOf, type Proc, type Program } from '../shell/types';

/**
 * ps: busybox's applet inside containers (PIDs of the container's namespace, its users' names),
 * procps-ng 4.0.4 on the hosts (host PIDs: dockerd, containerd, docker-proxy, shims, containers'
 * processes). Both read the daemon's process table.
 */

interface Row {
  pid: number;
  ppid: number;
  user: string;
  cmd: string;
  comm: string;
  tty: string;
  stat: string;
  vsz: number;
  rss: number;
  startedAt: number;
}

const two = (n: number) => String(n).padStart(2, '0');

/** busybox ps columns (-o): name, header, width, right-aligned. */
const BB_COLUMNS: Record<string, [string, number, boolean]> = {
  pid: ['PID', 5, true],
  ppid: ['PPID', 5, true],
  user: ['USER', 8, false],
  comm: ['COMMAND', 16, false],
  args: ['COMMAND', 0, false],
  time: ['TIME', 5, true],
  vsz: ['VSZ', 5, true],
  rss: ['RSS', 5, true],
  stat: ['STAT', 4, false],
  tty: ['TT', 6, false],
};

function busyboxPs(p: Proc, rows: Row[]): number {
  const args = p.argv.slice(1);
  const o = args.indexOf('-o');
  if (o < 0) {
    p.out(`PID   USER     TIME  COMMAND\n${rows.map((r) => `${String(r.pid).padStart(5)} ${r.user.slice(0, 8).padEnd(8)} ${'0:00'.padStart(5)} ${r.cmd}\n`).join('')}`);
    return 0;
  }
  const fields = (args[o + 1] ?? '').split(',').filter(Boolean);
  for (const f of fields) {
    if (!Object.hasOwn(BB_COLUMNS, f)) {
      p.err(`ps: bad -o argument '${f}', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss\n`);
      return 1;
    }
  }
  const cell = (f: string, r: Row, last: boolean): string => {
    const [, width, right] = BB_COLUMNS[f]!;
    const v = f === 'pid' ? String(r.pid) : f === 'ppid' ? String(r.ppid) : f === 'user' ? r.user : f === 'comm' ? r.comm : f === 'args' ? r.cmd : f === 'time' ? '0:00' : f === 'vsz' ? String(r.vsz) : f === 'rss' ? String(r.rss) : f === 'stat' ? r.stat : '?';
    if (last) return right ? v.padStart(width) : v;
    return right ? v.padStart(width) : v.slice(0, width || undefined).padEnd(width);
  };
  // Headers are left-aligned in their column, whatever the values' alignment.
  const head = fields.map((f, i) => {
    const [name, width] = BB_COLUMNS[f]!;
    return i === fields.length - 1 ? name : name.padEnd(width);
  });
  p.out(`${head.join(' ')}\n${rows.map((r) => `${fields.map((f, i) => cell(f, r, i === fields.length - 1)).join(' ')}\n`).join('')}`);
  return 0;
}

/** The host's users by uid (its /etc/passwd): container uids the host does not know print as numbers. */
function hostUsers(p: Proc): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of (readFile(p, '/etc/passwd') ?? '').split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid && /^\d+$/.test(uid)) users.set(Number(uid), name);
  }
  return users;
}

function hostName(users: Map<number, string>, uid: number): string {
  const name = users.get(uid) ?? String(uid);
  return name.length > 8 ? `${name.slice(0, 7)}+` : name;
}

function startOf(ms: number, now: number): string {
  const d = new Date(ms);
  if (now - ms < 86_400_000) return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}${two(d.getUTCDate())}`;
}

/** 23.48 GiB of memory, as docker info reports for the lab's hosts. */
const HOST_MEM_KIB = 24_620_000;

function procpsPs(p: Proc, rows: ProcessRow[]): number {
  const users = hostUsers(p);
  const now = p.rt.world.clock;
  const args = p.argv.slice(1).join(' ');
  const shell: ProcessRow = { pid: 1402, ppid: 1398, nsPid: null, nsPpid: null, uid: 0, user: 'root', cmd: '-bash', comm: 'bash', startedAt: now - 60_000, tty: 'pts/0', containerId: null, stat: 'Ss', vsz: 8_432, rss: 5_120 };
  const self: ProcessRow = { ...shell, pid: 1400 + (Math.floor(now / 1000) % 3000) + 10, ppid: 1402, cmd: `ps ${args}`.trim(), comm: 'ps', stat: 'R+', startedAt: now, vsz: 11_100, rss: 4_480 };
  const all = [...rows, shell, self].sort((a, b) => a.pid - b.pid);
  const words = p.argv.slice(1);
  const bsd = words.filter((w) => !w.startsWith('-')).join('');
  const dashed = words.filter((w) => w.startsWith('-')).join('');
  if (bsd.includes('u') || dashed === '-aux') {
    const line = (user: string, pid: string, cpu: string, mem: string, vsz: string, rss: string, tty: string, stat: string, start: string, time: string, cmd: string) =>
      `${user.padEnd(8)} ${pid.padStart(7)} ${cpu.padStart(4)} ${mem.padStart(4)} ${vsz.padStart(6)} ${rss.padStart(5)} ${tty.padEnd(8)} ${stat.padEnd(4)} ${start.padStart(5)} ${time.padStart(6)} ${cmd}`;
    const out = [line('USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND')];
    for (const r of all) {
      out.push(line(hostName(users, r.uid), String(r.pid), '0.0', ((r.rss / HOST_MEM_KIB) * 100).toFixed(1), String(r.vsz), String(r.rss), r.tty, r.stat, startOf(r.startedAt, now), '0:00', r.cmd));
    }
    p.out(`${out.join('\n')}\n`);
    return 0;
  }
  if (/[ef]/.test(dashed) || bsd.includes('x') || bsd.includes('a')) {
    const line = (uid: string, pid: string, ppid: string, c: string, stime: string, tty: string, time: string, cmd: string) =>
      `${uid.padEnd(8)} ${pid.padStart(7)} ${ppid.padStart(7)} ${c.padStart(2)} ${stime.padEnd(5)} ${tty.padEnd(8)} ${time.padStart(8)} ${cmd}`;
    const out = [line('UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD')];
    for (const r of all) out.push(line(hostName(users, r.uid), String(r.pid), String(r.ppid), '0', startOf(r.startedAt, now), r.tty, '00:00:00', r.cmd));
    p.out(`${out.join('\n')}\n`);
    return 0;
  }
  // Without options: this terminal's processes.
  p.out(`    PID TTY          TIME CMD\n${[shell, self].map((r) => `${String(r.pid).padStart(7)} ${r.tty.padEnd(8)} 00:00:00 ${r.comm}\n`).join('')}`);
  return 0;
}

export const ps: Program = async (p) => {
  const d = daemonOf(p);
  const c = containerOf(p);
  if (c && d) {
    const rows: Row[] = d.containerProcesses(c).map((r) => ({ pid: r.nsPid ?? r.pid, ppid: r.nsPpid ?? 0, user: r.user, cmd: r.cmd, comm: r.comm, tty: r.tty, stat: r.stat, vsz: r.vsz, rss: r.rss, startedAt: r.startedAt }));
    const self = ['ps', ...p.argv.slice(1)].join(' ');
    // `docker exec c ps` is itself an exec'd process the daemon lists; run from a shell, ps adds itself.
    const listed = rows.find((r) => r.cmd === self && r.pid !== 1);
    if (listed) listed.stat = 'R';
    else rows.push({ pid: d.allocatePid(c), ppid: 0, user: 'root', cmd: self, comm: 'ps', tty: '?', stat: 'R', vsz: 1_600, rss: 1_024, startedAt: p.rt.world.clock });
    return busyboxPs(p, rows);
  }
  return procpsPs(p, d ? d.hostProcesses() : []);
};
