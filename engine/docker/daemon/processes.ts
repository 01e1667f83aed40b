import { err, ok, type DResult, type StatsSample, type TopResult } from '../api';
import type { DockerCtx } from '../context';
import type { ContainerRec } from '../types';
import { imageById } from './images';
import { isRunning } from './lookup';
import { mainArgv } from './process';
import type { ExecProcess } from './runtime';
import { hostUserName, resolveUser } from './users';

/**
 * A running container's processes as the host sees them (host PIDs, the containerd shim as the
 * parent of PID 1), for `docker top` and the PIDS and MEM columns of `docker stats`.
 */

interface Proc {
  pid: number;
  ppid: number;
  uid: number;
  cmd: string;
  comm: string;
  start: number;
  tty: string;
  /** Resident memory, bytes. */
  rss: number;
}

/** nginx's `worker_processes auto`: one per CPU, and the lab's hosts have two. */
const NGINX_WORKERS = 2;

export function containerProcesses(ctx: DockerCtx, c: ContainerRec, execs: ExecProcess[]): Proc[] {
  if (!isRunning(c) || !c.pid) return [];
  const image = imageById(c.imageId);
  const user = resolveUser(image, c.config.user);
  const uid = typeof user === 'string' ? 0 : user.uid;
  const start = c.startedAt ?? ctx.world.clock;
  const tty = c.config.tty ? 'pts/0' : '?';
  let argv = mainArgv(c, image);
  if (argv[0] === '/docker-entrypoint.sh' && argv.length > 1) argv = argv.slice(1);
  const out: Proc[] = [];
  if (c.process.kind === 'daemon' && c.process.app === 'nginx') {
    out.push({ pid: c.pid, ppid: c.pid - 2, uid, cmd: `nginx: master process ${argv.join(' ')}`, comm: 'nginx', start, tty, rss: 1_560_000 });
    for (let i = 1; i <= NGINX_WORKERS; i++) {
      out.push({ pid: c.pid + i, ppid: c.pid, uid: 101, cmd: 'nginx: worker process', comm: 'nginx', start, tty, rss: 1_060_000 });
    }
  } else {
    const comm = (argv[0] ?? '').split('/').pop() ?? '';
    const rss = ['sh', 'ash', 'bash', 'zsh', 'dash'].includes(comm) ? 540_000 : 225_000;
    out.push({ pid: c.pid, ppid: c.pid - 2, uid, cmd: argv.join(' '), comm, start, tty, rss });
  }
  for (const e of execs) {
    out.push({ pid: e.pid, ppid: c.pid - 2, uid, cmd: e.argv.join(' '), comm: (e.argv[0] ?? '').split('/').pop() ?? '', start: e.start, tty: '?', rss: 300_000 });
  }
  return out;
}

/** ps's STIME/START: the time of day within the last 24 hours, else the month and day. */
function stime(start: number, now: number): string {
  const d = new Date(start);
  if (now - start < 86_400_000) return d.toISOString().slice(11, 16);
  return `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })}${String(d.getUTCDate()).padStart(2, '0')}`;
}

const FIELDS: Record<string, { title: string; value: (p: Proc, now: number) => string }> = {
  pid: { title: 'PID', value: (p) => String(p.pid) },
  ppid: { title: 'PPID', value: (p) => String(p.ppid) },
  uid: { title: 'UID', value: (p) => String(p.uid) },
  user: { title: 'USER', value: (p) => hostUserName(p.uid) },
  comm: { title: 'COMMAND', value: (p) => p.comm },
  cmd: { title: 'CMD', value: (p) => p.cmd },
  args: { title: 'COMMAND', value: (p) => p.cmd },
  command: { title: 'COMMAND', value: (p) => p.cmd },
  tty: { title: 'TT', value: (p) => p.tty },
  stime: { title: 'STIME', value: (p, now) => stime(p.start, now) },
  time: { title: 'TIME', value: () => '00:00:00' },
  rss: { title: 'RSS', value: (p) => String(Math.round(p.rss / 1024)) },
};

/**
 * ContainerTop (moby@v28.5.2 daemon/top_unix.go): the host runs `ps ARGS` and keeps the rows of
 * the container's PIDs. The lab answers for `-ef` (the default), `aux` and `-o FIELD,…`.
 */
export function containerTop(ctx: DockerCtx, c: ContainerRec, execs: ExecProcess[], psArgs: string[]): DResult<TopResult> {
  const joined = psArgs.join(' ');
  const bad = / ([^\s]*)=\s*(PID[^\s]*)/.exec(` ${joined}`);
  if (bad && bad[1] !== 'pid') return err(`specifying "${bad[1]}=${bad[2]}" is not allowed`);
  if (!isRunning(c)) return err(`container ${c.id} is not running`);
  if (c.status === 'restarting') return err(`Container ${c.id} is restarting, wait until the container is running`);
  const now = ctx.world.clock;
  const procs = containerProcesses(ctx, c, execs);
  if (joined === '' || joined === '-ef' || joined === '-e -f' || joined === '-fe') {
    return ok({
      titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
      processes: procs.map((p) => [hostUserName(p.uid), String(p.pid), String(p.ppid), '0', stime(p.start, now), p.tty, '00:00:00', p.cmd]),
    });
  }
  if (joined === 'aux' || joined === '-aux' || joined === 'axu') {
    return ok({
      titles: ['USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND'],
      processes: procs.map((p, i) => [
        hostUserName(p.uid),
        String(p.pid),
        '0.0',
        '0.0',
        String(Math.round(p.rss / 1024) * 4),
        String(Math.round(p.rss / 1024)),
        p.tty,
        i === 0 ? (p.tty === '?' ? 'Ss' : 'Ss+') : 'S',
        stime(p.start, now),
        '0:00',
        p.cmd,
      ]),
    });
  }
  const o = /^-o\s*(\S+)$/.exec(joined);
  const fields = o ? o[1]!.split(',').map((f) => f.toLowerCase()) : null;
  if (!fields || fields.some((f) => !Object.hasOwn(FIELDS, f))) {
    return err(`sim: this lab's ps answers docker top with -ef (the default), aux, or -o with ${Object.keys(FIELDS).join(',')}`);
  }
  const titles = fields.map((f) => FIELDS[f]!.title);
  if (!titles.includes('PID')) return err("Couldn't find PID field in ps output");
  return ok({ titles, processes: procs.map((p) => fields.map((f) => FIELDS[f]!.value(p, now))) });
}

/** The host's memory (`docker info` Total Memory), the default limit of every container. */
export const HOST_MEMORY = 25_216_294_912;

/** A small, stable per-container variation, so two idle containers do not print identical figures. */
function jitter(c: ContainerRec, spread: number): number {
  let h = 0;
  for (let i = 0; i < 12; i++) h = (h * 31 + c.id.charCodeAt(i)) >>> 0;
  return h % spread;
}

/**
 * One stats sample. Idle lab processes use no CPU; memory is what such processes hold (nginx
 * with two workers about 3.6 MiB, sleep about 220 KiB); PIDs are the processes above. A stopped
 * container gets the empty sample moby returns (daemon/stats.go).
 */
export function containerStats(ctx: DockerCtx, c: ContainerRec, execs: ExecProcess[], net: { rx: number; tx: number }): StatsSample {
  const procs = containerProcesses(ctx, c, execs);
  if (procs.length === 0) {
    return { id: c.id, name: c.name, cpuPercent: 0, memory: 0, memoryLimit: 0, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 0 };
  }
  const memory = procs.reduce((sum, p) => sum + p.rss, 0) + jitter(c, 40_000);
  const nginx = c.process.kind === 'daemon' && c.process.app === 'nginx';
  return {
    id: c.id,
    name: c.name,
    cpuPercent: 0,
    memory,
    memoryLimit: HOST_MEMORY,
    netRx: net.rx,
    netTx: net.tx,
    blockRead: 0,
    // nginx writes its cache directories and pid file at start.
    blockWrite: nginx ? 8192 : 0,
    pids: procs.length,
  };
}
