import { err, ok, type DResult, type ProcessRow, type StatsSample, type TopResult } from '../api';
import type { DockerCtx } from '../context';
import type { ContainerRec } from '../types';
import { expandPortMap } from '../port-map';
import { imageById } from './images';
import { isRunning } from './lookup';
import { mainArgv, programArgv } from './process';
import { serverFor } from './servers';
import { hostUserName } from './users';

/**
 * The processes a Docker host runs because of its daemon: dockerd and containerd, one
 * docker-proxy per published host address/port/protocol (moby portmapper proxy_linux.go), one
 * containerd-shim per container, and every container's processes with their host PIDs. `ps` on the
 * host and inside containers, `ss -p` and `docker top` all read this one table.
 */

/** A process started in a container with `docker exec`. */
export interface ExecProcess {
  id: string;
  /** Host PID, and the PID inside the container's namespace. */
  pid: number;
  nsPid: number;
  argv: string[];
  start: number;
}

export const DOCKERD_PID = 1021;
export const CONTAINERD_PID = 873;

/** When the host booted and its daemons started (before any lab time). */
function bootTime(ctx: DockerCtx): number {
  return ctx.world.clock - (ctx.world.clock % 86_400_000) + 9 * 3_600_000 - 3_600_000;
}

/** The host's own daemons, as `ps aux` lists them before any container runs. */
export function baseProcesses(ctx: DockerCtx): ProcessRow[] {
  const boot = Math.min(bootTime(ctx), ctx.world.clock);
  const row = (pid: number, cmd: string, stat: string, vsz: number, rss: number, user = 'root'): ProcessRow => ({
    pid, ppid: pid === 1 ? 0 : 1, nsPid: null, nsPpid: null, uid: user === 'root' ? 0 : 100, user, cmd, comm: cmd.split(' ')[0]!.split('/').pop()!.replace(/:$/, ''),
    startedAt: boot, tty: '?', containerId: null, stat, vsz, rss,
  });
  return [
    row(1, '/sbin/init', 'Ss', 22_516, 13_172),
    row(212, '/usr/lib/systemd/systemd-journald', 'Ss', 33_024, 10_240),
    row(248, '/usr/lib/systemd/systemd-udevd', 'Ss', 26_840, 7_168),
    row(540, '/usr/sbin/cron -f', 'Ss', 6_684, 2_688),
    row(612, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 'Ss', 11_884, 7_680),
    row(CONTAINERD_PID, '/usr/bin/containerd', 'Ssl', 1_945_904, 46_352),
    row(DOCKERD_PID, '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock', 'Ssl', 2_426_112, 83_924),
  ];
}

/** docker-proxy processes of a running container: one per host IP, port and protocol, started before its process. */
export function proxyProcesses(ctx: DockerCtx, c: ContainerRec): ProcessRow[] {
  const out: ProcessRow[] = [];
  const target = c.endpoints.find((e) => e.live?.ip)?.live?.ip ?? '';
  const ports = expandPortMap(c.ports);
  const total = Object.values(ports).reduce((n, bs) => n + bs.length, 0);
  let i = 0;
  for (const key of Object.keys(ports).sort()) {
    const [port, proto] = key.split('/') as [string, string];
    for (const b of ports[key]!) {
      // Started in binding order (IPv4 before IPv6), all before the container's shim.
      const pid = c.pid - 3 - total + 1 + i++;
      out.push({
        pid, ppid: DOCKERD_PID, nsPid: null, nsPpid: null, uid: 0, user: 'root',
        cmd: `/usr/bin/docker-proxy -proto ${proto} -host-ip ${b.HostIp} -host-port ${b.HostPort} -container-ip ${target} -container-port ${port} -use-listen-fd`,
        comm: 'docker-proxy', startedAt: c.startedAt ?? ctx.world.clock, tty: '?', containerId: c.id, stat: 'Sl', vsz: 1_745_896, rss: 3_968,
        socket: { proto: proto as 'tcp' | 'udp', ip: b.HostIp, port: Number(b.HostPort) },
      });
    }
  }
  return out;
}

/** A container's processes: its main process (or its server's master and workers), then servers started with exec. */
export function containerProcesses(ctx: DockerCtx, c: ContainerRec, execs: readonly ExecProcess[] = []): ProcessRow[] {
  if (!isRunning(c)) return [];
  const image = imageById(c.imageId);
  const argv = mainArgv(c, image);
  const args = programArgv(argv);
  const server = c.process.kind === 'daemon' ? serverFor(image, args) : null;
  const shown = server ? server.processes : [{ pid: 1, ppid: 0, uid: 0, user: c.config.user || 'root', cmd: args.join(' ') || argv.join(' ') }];
  const inNs = [...shown];
  const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
  for (const l of ns?.listeners ?? []) {
    const app = l.app;
    if (app.kind !== 'app' || app.containerId !== c.id || inNs.some((r) => r.pid === app.pid)) continue;
    inNs.push({ pid: app.pid, ppid: 0, uid: 0, user: 'root', cmd: app.argv.join(' ') });
  }
  inNs.sort((a, b) => a.pid - b.pid);
  // Host PIDs follow the container's in start order; PID 1's parent is its containerd-shim.
  const hostPid = new Map(inNs.map((r, i) => [r.pid, c.pid + i] as const));
  const started = c.startedAt ?? ctx.world.clock;
  const own: ProcessRow[] = inNs.map((r) => ({
    pid: hostPid.get(r.pid)!,
    ppid: r.ppid === 0 ? c.pid - 2 : (hostPid.get(r.ppid) ?? c.pid - 2),
    nsPid: r.pid,
    nsPpid: r.ppid,
    uid: r.uid,
    user: r.user,
    cmd: r.cmd,
    comm: commOf(r.cmd),
    startedAt: started,
    tty: c.config.tty ? 'pts/0' : '?',
    containerId: c.id,
    stat: r.pid === 1 ? 'Ss' : 'S',
    vsz: 12_000 + r.cmd.length * 100,
    rss: residentKiB(r.cmd, !!server, r.pid),
  }));
  return own.concat(
    // Processes started with `docker exec` run beside PID 1, children of the shim.
    execs.map((e) => ({
      pid: e.pid,
      ppid: c.pid - 2,
      nsPid: e.nsPid,
      nsPpid: 0,
      uid: 0,
      user: c.config.user || 'root',
      cmd: e.argv.join(' '),
      comm: commOf(e.argv.join(' ')),
      startedAt: e.start,
      tty: '?',
      containerId: c.id,
      stat: 'S',
      vsz: 12_000 + e.argv.join(' ').length * 100,
      rss: 4_000 + e.argv.join(' ').length * 20,
    })),
  );
}

/** Resident memory in KiB, roughly what such processes hold: a shell 540, sleep and the like 225, an nginx master 1.5 MiB and each worker 1 MiB. */
function residentKiB(cmd: string, server: boolean, nsPid: number): number {
  const comm = commOf(cmd);
  if (server) return nsPid === 1 ? 1_524 : 1_036;
  return ['sh', 'ash', 'bash', 'zsh', 'dash'].includes(comm) ? 540 : 225;
}

/** The process name ps -o comm shows: what a server titled itself ("nginx: worker process" -> nginx), else argv[0]'s basename. */
function commOf(cmd: string): string {
  const first = cmd.split(' ')[0] ?? '';
  return first.replace(/:$/, '').split('/').pop()!.slice(0, 15);
}

/** The containerd-shim of a running container. */
function shimProcess(ctx: DockerCtx, c: ContainerRec): ProcessRow {
  return {
    pid: c.pid - 2, ppid: 1, nsPid: null, nsPpid: null, uid: 0, user: 'root',
    cmd: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${c.id} -address /run/containerd/containerd.sock`,
    comm: 'containerd-shim', startedAt: c.startedAt ?? ctx.world.clock, tty: '?', containerId: c.id, stat: 'Sl', vsz: 1_238_656, rss: 11_264,
  };
}

/** Every daemon-related process on the host, in PID order. */
export function hostProcesses(ctx: DockerCtx): ProcessRow[] {
  const rows = baseProcesses(ctx);
  for (const c of Object.values(ctx.host.docker.containers)) {
    if (!isRunning(c)) continue;
    // One docker-proxy per published port and address: a range can give 100,000+, too many to spread into push().
    for (const r of proxyProcesses(ctx, c)) rows.push(r);
    rows.push(shimProcess(ctx, c), ...containerProcesses(ctx, c));
  }
  return rows.sort((a, b) => a.pid - b.pid);
}

/** The next PID in the container's namespace, for a process started there (docker exec). */
export function allocatePid(c: ContainerRec): number {
  const image = imageById(c.imageId);
  const floor = Math.max(6, ...(image?.server?.processes.map((r) => r.pid) ?? [1]));
  c.lastPid = Math.max(c.lastPid ?? floor, floor) + 1;
  return c.lastPid;
}

/** ps's STIME/START: the time of day within the last 24 hours, else the month and day. */
function stime(start: number, now: number): string {
  const d = new Date(start);
  if (now - start < 86_400_000) return d.toISOString().slice(11, 16);
  return `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })}${String(d.getUTCDate()).padStart(2, '0')}`;
}

const FIELDS: Record<string, { title: string; value: (p: ProcessRow, now: number) => string }> = {
  pid: { title: 'PID', value: (p) => String(p.pid) },
  ppid: { title: 'PPID', value: (p) => String(p.ppid) },
  uid: { title: 'UID', value: (p) => String(p.uid) },
  user: { title: 'USER', value: (p) => hostUserName(p.uid) },
  comm: { title: 'COMMAND', value: (p) => p.comm },
  cmd: { title: 'CMD', value: (p) => p.cmd },
  args: { title: 'COMMAND', value: (p) => p.cmd },
  command: { title: 'COMMAND', value: (p) => p.cmd },
  tty: { title: 'TT', value: (p) => p.tty },
  stime: { title: 'STIME', value: (p, now) => stime(p.startedAt, now) },
  time: { title: 'TIME', value: () => '00:00:00' },
  rss: { title: 'RSS', value: (p) => String(p.rss) },
};

/**
 * ContainerTop (moby@v28.5.2 daemon/top_unix.go): the host runs `ps ARGS` and keeps the rows of
 * the container's PIDs. The lab answers for `-ef` (the default), `aux` and `-o FIELD,…`.
 */
export function containerTop(ctx: DockerCtx, c: ContainerRec, execs: readonly ExecProcess[], psArgs: string[]): DResult<TopResult> {
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
      processes: procs.map((p) => [hostUserName(p.uid), String(p.pid), String(p.ppid), '0', stime(p.startedAt, now), p.tty, '00:00:00', p.cmd]),
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
        String(p.vsz),
        String(p.rss),
        p.tty,
        i === 0 ? (p.tty === '?' ? 'Ss' : 'Ss+') : 'S',
        stime(p.startedAt, now),
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
export function containerStats(ctx: DockerCtx, c: ContainerRec, execs: readonly ExecProcess[], net: { rx: number; tx: number }): StatsSample {
  const procs = containerProcesses(ctx, c, execs);
  if (procs.length === 0) {
    return { id: c.id, name: c.name, cpuPercent: 0, memory: 0, memoryLimit: 0, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 0 };
  }
  const memory = procs.reduce((sum, p) => sum + p.rss * 1024, 0) + jitter(c, 40_000);
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
