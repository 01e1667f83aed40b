import { attachLive, detachLive, liveOf, type LiveServer } from '../apps/servers/live';
import type { AppListener, Socket } from '../apps/servers/types';
import { bindConflict } from '../apps/sockets';
import type { Listener } from '../kernel/types';
import { containerOf, daemonOf, nsOf, type Proc } from '../shell/types';
import { anyOf, type Signal } from '../util/signal';

/**
 * Servers a program runs (busybox httpd, nc -l, nginx started with exec): the program opens its
 * sockets here, stays attached while it runs, and closes them when it ends.
 */

export interface ServeSpec {
  /** The server app (engine/apps/servers registry). */
  name: string;
  sockets: Socket[];
  argv: string[];
  version?: string;
  opts?: Record<string, string>;
  live?: LiveServer;
}

export type OpenResult = { ok: true; listeners: Listener[]; pid: number } | { ok: false; taken: Socket };

/** A PID for a new process: the container's next, or a host PID from the lab clock. */
export function newPid(p: Proc): number {
  const c = containerOf(p);
  const d = daemonOf(p);
  if (c && d) return d.allocatePid(c);
  return 2400 + (Math.floor(p.rt.world.clock / 1000) % 4000);
}

export function openServer(p: Proc, spec: ServeSpec): OpenResult {
  const ns = nsOf(p);
  const c = containerOf(p);
  if (!ns) return { ok: false, taken: spec.sockets[0]! };
  for (const s of spec.sockets) {
    const other = bindConflict(ns, s.proto, s.ip, s.port);
    if (!other) continue;
    // The same server of the same container, left in a restored lab without its process: it starts again in its place.
    const app = other.app;
    const stale = app.kind === 'app' && app.name === spec.name && app.containerId === (c?.id ?? null) && app.argv.join(' ') === spec.argv.join(' ') && !liveOf(app);
    if (!stale) return { ok: false, taken: s };
    ns.listeners = ns.listeners.filter((l) => l !== other);
  }
  const pid = newPid(p);
  const app: AppListener = { kind: 'app', name: spec.name, containerId: c?.id ?? null, pid, argv: spec.argv, version: spec.version ?? '', ...(spec.opts ? { opts: spec.opts } : {}) };
  const listeners = spec.sockets.map((s): Listener => ({ proto: s.proto, ip: s.ip, port: s.port, app }));
  ns.listeners.push(...listeners);
  if (spec.live) attachLive(app, spec.live);
  p.rt.changed();
  return { ok: true, listeners, pid };
}

/** Closes the listening sockets but keeps the process attached (nc after accepting its one client). */
export function stopListening(p: Proc, listeners: Listener[]): void {
  const ns = nsOf(p);
  if (ns) ns.listeners = ns.listeners.filter((l) => !listeners.includes(l));
}

export function closeServer(p: Proc, listeners: Listener[]): void {
  const ns = nsOf(p);
  for (const l of listeners) if (l.app.kind === 'app') detachLive(l.app);
  if (ns) ns.listeners = ns.listeners.filter((l) => !listeners.includes(l));
  p.rt.changed();
}

/**
 * Waits on lab time while `busy()` holds, a second at a time (a detached process sleeps on the
 * scheduler; a foreground one lets the clock run). `wake` cuts a wait short. 'aborted' on Ctrl-C,
 * when the container stops, or when the lab's time budget for a line runs out.
 */
export async function waitWhile(p: Proc, busy: () => boolean, wake?: Signal): Promise<'done' | 'aborted'> {
  while (busy()) {
    if (p.signal?.aborted) return 'aborted';
    const w = wake && !wake.aborted ? wake : undefined;
    let slept: boolean;
    if (p.signal && w) {
      const joined = anyOf([p.signal, w]);
      try {
        slept = await p.rt.sleep(1000, joined.signal);
      } finally {
        joined.release();
      }
    } else slept = await p.rt.sleep(1000, p.signal ?? w);
    if (!slept && (p.signal?.aborted || !w?.aborted)) return 'aborted';
  }
  return 'done';
}
