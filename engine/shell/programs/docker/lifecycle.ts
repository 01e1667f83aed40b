import { killContainer, removeContainer, renameContainer, startContainer, stopContainer } from '../../../docker/containers';
import type { DockerCtx } from '../../../docker/context';
import { findContainer, isRunning, noSuchContainer } from '../../../docker/lookup';
import type { ContainerRec } from '../../../docker/types';
import { parseCommandLine } from '../../../docker/cli/flags';
import { SPECS } from '../../../docker/cli/specs';
import type { Proc } from '../../types';
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

export function killCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['kill']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['kill']!, r);
  let status = 0;
  for (const ref of r.args) {
    const c = lookup(p, ctx, ref);
    if (!c) {
      status = 1;
      continue;
    }
    const k = killContainer(ctx, c, String(r.flags['signal'] ?? 'KILL'));
    if (!k.ok) {
      status = daemonError(p, k.error);
      continue;
    }
    p.rt.changed();
    p.out(`${ref}\n`);
  }
  return status;
}

export function rmCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['rm']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['rm']!, r);
  let status = 0;
  for (const ref of r.args) {
    const c = findContainer(ctx, ref);
    if (!c || c === 'ambiguous') {
      status = daemonError(p, c === 'ambiguous' ? `multiple IDs found with provided prefix: ${ref}` : noSuchContainer(ref));
      continue;
    }
    const res = removeContainer(ctx, c, r.flags['force'] === true);
    if (!res.ok) {
      status = daemonError(p, res.error);
      continue;
    }
    p.rt.changed();
    p.out(`${ref}\n`);
  }
  return status;
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

export function pauseCmd(p: Proc, ctx: DockerCtx, argv: string[], which: 'pause' | 'unpause'): number {
  const r = parseCommandLine(SPECS[which]!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS[which]!, r);
  let status = 0;
  for (const ref of r.args) {
    const c = lookup(p, ctx, ref);
    if (!c) {
      status = 1;
      continue;
    }
    if (which === 'pause') {
      if (c.status === 'paused') status = daemonError(p, `container ${c.id} is already paused`);
      else if (c.status !== 'running') status = daemonError(p, `container ${c.id} is not running`);
      else {
        c.status = 'paused';
        p.out(`${ref}\n`);
      }
    } else if (c.status !== 'paused') status = daemonError(p, `container ${c.id} is not paused`);
    else {
      c.status = 'running';
      p.out(`${ref}\n`);
    }
  }
  p.rt.changed();
  return status;
}
