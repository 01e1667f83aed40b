import type { DockerCtx } from '../../docker/context';
import { flushLogs, imageHasProgram } from '../../docker/daemon/containers';
import { imageById } from '../../docker/daemon/images';
import { findContainer, isRunning, noSuchContainer } from '../../docker/daemon/lookup';
import { portKeyOrder } from '../../docker/daemon/ports';
import { parseCommandLine } from './cli/flags';
import { SPECS } from './cli/specs';
import type { Proc } from '../../shell/types';
import { daemonError } from './common';
import { showHelpOrError } from './help';
import { shellContext, runMainProcess } from './run';

/** exec, attach, logs, port. */

export async function execCmd(p: Proc, ctx: DockerCtx, argv: string[]): Promise<number> {
  const r = parseCommandLine(SPECS['exec']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['exec']!, r);
  const [ref, ...cmd] = r.args as [string, ...string[]];
  const c = findContainer(ctx, ref);
  if (!c || c === 'ambiguous') return daemonError(p, noSuchContainer(ref));
  if (c.status === 'paused') return daemonError(p, `Container ${c.id} is paused, unpause the container before exec`);
  if (!isRunning(c)) return daemonError(p, `container ${c.id} is not running`);
  const image = imageById(c.imageId);
  const prog = cmd[0]!;
  if (!imageHasProgram(image, prog)) {
    p.out(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${prog}": executable file not found in $PATH: unknown\n`);
    return 127;
  }
  const ctxInner = shellContext(ctx.host.name, c, false, prog);
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
    await p.runArgv(cmd, ctxInner, { out: () => undefined, err: () => undefined });
    return 0;
  }
  return p.runArgv(cmd, ctxInner, { out: p.out, err: p.err, stdin: p.stdin });
}

export async function attachCmd(p: Proc, ctx: DockerCtx, argv: string[]): Promise<number> {
  const r = parseCommandLine(SPECS['attach']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['attach']!, r);
  const c = findContainer(ctx, r.args[0]!);
  if (!c || c === 'ambiguous') return daemonError(p, noSuchContainer(r.args[0]!));
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
    p.session.push(shellContext(ctx.host.name, c, true));
    return 0;
  }
  return runMainProcess(p, ctx, c, 'attached');
}

export function logsCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['logs']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['logs']!, r);
  const c = findContainer(ctx, r.args[0]!);
  if (!c || c === 'ambiguous') return daemonError(p, noSuchContainer(r.args[0]!));
  flushLogs(c, ctx.world.clock);
  let lines = c.logs;
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

export function portCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['port']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['port']!, r);
  const c = findContainer(ctx, r.args[0]!);
  if (!c || c === 'ambiguous') return daemonError(p, noSuchContainer(r.args[0]!));
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
