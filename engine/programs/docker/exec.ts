import type { DaemonApi } from '../../docker/api';
import { shellContext } from '../../shell/contexts';
import type { Proc } from '../../shell/types';
import { parseCommandLine } from './cli/flags';
import { SPECS } from './cli/specs';
import { daemonError, isRunning, portKeyOrder } from './common';
import { showHelpOrError } from './help';
import { waitAttached } from './run';

/** exec, attach, logs, port. */

export async function execCmd(p: Proc, d: DaemonApi, argv: string[]): Promise<number> {
  const r = parseCommandLine(SPECS['exec']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['exec']!, r);
  const [ref, ...cmd] = r.args as [string, ...string[]];
  const found = d.container(ref);
  if (!found.ok) return daemonError(p, found.error);
  const c = found.value;
  const prog = cmd[0]!;
  const check = d.execCheck(c, prog);
  if (!check.ok) {
    if (!check.notFound) return daemonError(p, check.error);
    p.out(`${check.error}\n`);
    return 127;
  }
  const ctxInner = shellContext(d.hostName, c, false, prog);
  for (const e of (r.flags['env'] as string[] | undefined) ?? []) {
    const eq = e.indexOf('=');
    if (eq > 0) ctxInner.vars[e.slice(0, eq)] = e.slice(eq + 1);
  }
  const isShell = ['sh', 'ash', 'bash', 'zsh'].includes(prog.split('/').pop()!) && cmd.length === 1;
  if (isShell) {
    if (r.flags['interactive'] === true) {
      p.session.push(ctxInner);
      return 0;
    }
    return 0;
  }
  if (r.flags['detach'] === true) {
    d.execDetached(c, cmd);
    await d.settle();
    return 0;
  }
  return p.runArgv(cmd, ctxInner, { out: p.out, err: p.err, stdin: p.stdin });
}

export async function attachCmd(p: Proc, d: DaemonApi, argv: string[]): Promise<number> {
  const r = parseCommandLine(SPECS['attach']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['attach']!, r);
  const found = d.container(r.args[0]!);
  if (!found.ok) return daemonError(p, found.error);
  const c = found.value;
  if (!isRunning(c)) {
    p.err('You cannot attach to a stopped container, start it first\n');
    return 1;
  }
  if (c.status === 'paused') {
    p.err('You cannot attach to a paused container, unpause it first\n');
    return 1;
  }
  if (c.process.kind === 'shell') {
    if (!c.config.openStdin) {
      p.err('sim: this shell has no stdin (the container was started without -i); nothing to type into\n');
      return 1;
    }
    p.session.push(shellContext(d.hostName, c, true));
    return 0;
  }
  // Docker attaches to the stream from now on: what the process printed before is in `docker logs`.
  return waitAttached(p, d, c, d.containerAttach(c, { out: p.out, err: p.err }));
}

export function logsCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const r = parseCommandLine(SPECS['logs']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['logs']!, r);
  const found = d.container(r.args[0]!);
  if (!found.ok) return daemonError(p, found.error);
  let lines = d.containerLogs(found.value);
  const tail = String(r.flags['tail'] ?? 'all');
  if (tail !== 'all') {
    const n = Number(tail);
    if (!Number.isInteger(n)) {
      p.err(`invalid value for "tail": ${tail}\n`);
      return 1;
    }
    lines = n <= 0 ? [] : lines.slice(-n);
  }
  if (lines.length) p.out(lines.join('\n') + '\n');
  return 0;
}

export function portCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const r = parseCommandLine(SPECS['port']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['port']!, r);
  const found = d.container(r.args[0]!);
  if (!found.ok) return daemonError(p, found.error);
  const c = found.value;
  const fmt = (ip: string, port: string) => `${ip.includes(':') ? `[${ip}]` : ip}:${port}`;
  const want = r.args[1];
  if (want) {
    const key = want.includes('/') ? want : `${want}/tcp`;
    const bs = c.ports[key];
    if (!bs || bs.length === 0) {
      p.err(`Error: No public port '${want}' published for ${r.args[0]}\n`);
      return 1;
    }
    p.out(bs.map((b) => fmt(b.HostIp, b.HostPort) + '\n').join(''));
    return 0;
  }
  const lines: string[] = [];
  for (const key of Object.keys(c.ports).sort(portKeyOrder)) for (const b of c.ports[key]!) lines.push(`${key} -> ${fmt(b.HostIp, b.HostPort)}`);
  if (lines.length) p.out(lines.join('\n') + '\n');
  return 0;
}
