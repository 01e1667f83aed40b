import type { DockerCtx } from '../context';
import type { ProcessRow } from '../api';
import type { ContainerRec } from '../types';
import { imageById } from './images';
import { isRunning } from './lookup';
import { mainArgv, programArgv } from './process';
import { serverFor } from './servers';

/**
 * The processes a Docker host runs because of its daemon: dockerd and containerd, one
 * docker-proxy per published host address/port/protocol (moby portmapper proxy_linux.go), one
 * containerd-shim per container, and every container's processes with their host PIDs. `ps` on the
 * host and inside containers, `ss -p` and `docker top` all read this one table.
 */

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
  const total = Object.values(c.ports).reduce((n, bs) => n + bs.length, 0);
  let i = 0;
  for (const key of Object.keys(c.ports).sort()) {
    const [port, proto] = key.split('/') as [string, string];
    for (const b of c.ports[key]!) {
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
export function containerProcesses(ctx: DockerCtx, c: ContainerRec): ProcessRow[] {
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
  return inNs.map((r) => ({
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
    rss: 4_000 + r.cmd.length * 20,
  }));
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
    rows.push(...proxyProcesses(ctx, c), shimProcess(ctx, c), ...containerProcesses(ctx, c));
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
