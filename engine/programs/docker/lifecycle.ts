import { killContainer, removeContainer, renameContainer, startContainer, stopContainer } from '../../docker/daemon/containers';
import { err, ok, type DockerCtx, type DResult } from '../../docker/context';
import { findContainer, isRunning, noSuchContainer } from '../../docker/daemon/lookup';
import type { ContainerRec } from '../../docker/types';
import { parseCommandLine } from './cli/flags';
import { SPECS } from './cli/specs';
import type { Proc } from '../../shell/types';
import { daemonError } from './common';
import { showHelpOrError } from './help';
import { runMainProcess } from './run';

/** start, stop, restart, kill, rm, rename, pause, unpause: each echoes its arguments as typed on success. */

function lookup(p: Proc, ctx: DockerCtx, ref: string): ContainerRec | null {
  const c = findContainer(ctx, ref);
  if (c === 'ambiguous') {
    daemonError(p, `multiple IDs found with provided prefix: ${ref}`);
    return null;
  }
  if (!c) {
    daemonError(p, noSuchContainer(ref));
    return null;
  }
  return c;
}

/** Applies a daemon call to each named container; echoes each name as typed on success, as Docker does. */
async function eachContainer(p: Proc, ctx: DockerCtx, refs: string[], act: (c: ContainerRec) => DResult<null> | Promise<DResult<null>>): Promise<number> {
  let status = 0;
  for (const ref of refs) {
    const c = lookup(p, ctx, ref);
    if (!c) {
      status = 1;
      continue;
    }
    const res = await act(c);
    p.rt.changed();
    if (!res.ok) {
      status = daemonError(p, res.error);
      continue;
    }
    p.out(`${ref}\n`);
  }
  return status;
}

export async function startCmd(p: Proc, ctx: DockerCtx, argv: string[]): Promise<number> {
  const r = parseCommandLine(SPECS['start']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['start']!, r);
  const failed: string[] = [];
  const attach = r.flags['attach'] === true || r.flags['interactive'] === true;
  for (const ref of r.args) {
    const c = lookup(p, ctx, ref);
    if (!c) {
      failed.push(ref);
      continue;
    }
    if (isRunning(c)) {
      if (!attach) p.out(`${ref}\n`);
      continue;
    }
    const s = startContainer(ctx, c);
    p.rt.changed();
    if (!s.ok) {
      daemonError(p, s.error);
      failed.push(ref);
      continue;
    }
    if (attach && r.args.length === 1) {
      if (r.flags['interactive'] !== true) c.config.openStdin = c.config.openStdin && false;
      return runMainProcess(p, ctx, c, 'attached');
    }
    await runMainProcess(p, ctx, c, 'detached');
    p.out(`${ref}\n`);
  }
  if (failed.length) {
    p.err(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}

export function stopCmd(p: Proc, ctx: DockerCtx, argv: string[], which: 'stop' | 'restart'): Promise<number> {
  const r = parseCommandLine(SPECS[which]!, argv);
  if (!r.ok || r.help) return Promise.resolve(showHelpOrError(p, SPECS[which]!, r));
  return (async () => {
    let status = 0;
    const timeout = typeof r.flags['timeout'] === 'number' ? r.flags['timeout'] : 10;
    for (const ref of r.args) {
      const c = lookup(p, ctx, ref);
      if (!c) {
        status = 1;
        continue;
      }
      stopContainer(ctx, c, timeout);
      if (which === 'restart') {
        c.restartCount = c.restartCount;
        const s = startContainer(ctx, c);
        if (!s.ok) {
          daemonError(p, s.error);
          status = 1;
          continue;
        }
        await runMainProcess(p, ctx, c, 'detached');
      }
      p.rt.changed();
      p.out(`${ref}\n`);
    }
    return status;
  })();
}

export function killCmd(p: Proc, ctx: DockerCtx, argv: string[]): Promise<number> | number {
  const r = parseCommandLine(SPECS['kill']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['kill']!, r);
  return eachContainer(p, ctx, r.args, (c) => killContainer(ctx, c, String(r.flags['signal'] ?? 'KILL')));
}

export function rmCmd(p: Proc, ctx: DockerCtx, argv: string[]): Promise<number> | number {
  const r = parseCommandLine(SPECS['rm']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['rm']!, r);
  return eachContainer(p, ctx, r.args, (c) => removeContainer(ctx, c, r.flags['force'] === true));
}

export function renameCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['rename']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['rename']!, r);
  const c = lookup(p, ctx, r.args[0]!);
  if (!c) return 1;
  const res = renameContainer(ctx, c, r.args[1]!);
  if (!res.ok) return daemonError(p, res.error);
  p.rt.changed();
  return 0;
}

export function pauseCmd(p: Proc, ctx: DockerCtx, argv: string[], which: 'pause' | 'unpause'): Promise<number> | number {
  const r = parseCommandLine(SPECS[which]!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS[which]!, r);
  return eachContainer(p, ctx, r.args, (c): DResult<null> => {
    if (which === 'pause') {
      if (c.status === 'paused') return err(`container ${c.id} is already paused`);
      if (c.status !== 'running') return err(`container ${c.id} is not running`);
      c.status = 'paused';
      return ok(null);
    }
    if (c.status !== 'paused') return err(`container ${c.id} is not paused`);
    c.status = 'running';
    return ok(null);
  });
}
