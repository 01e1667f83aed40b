import type { DaemonApi, DResult } from '../../docker/api';
import type { ContainerRec } from '../../docker/types';
import type { Proc } from '../../shell/types';
import { parseCommandLine } from './cli/flags';
import { SPECS } from './cli/specs';
import { daemonError, isRunning } from './common';
import { showHelpOrError } from './help';
import { startAndAttach } from './run';

/** start, stop, restart, kill, rm, rename, pause, unpause: each echoes its arguments as typed on success. */

function lookup(p: Proc, d: DaemonApi, ref: string): ContainerRec | null {
  const c = d.container(ref);
  if (!c.ok) {
    daemonError(p, c.error);
    return null;
  }
  return c.value;
}

/** Applies a daemon call to each named container; echoes each name as typed on success, as Docker does. */
async function eachContainer(p: Proc, d: DaemonApi, refs: string[], act: (c: ContainerRec) => DResult<null> | Promise<DResult<null>>): Promise<number> {
  let status = 0;
  for (const ref of refs) {
    const c = lookup(p, d, ref);
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

export async function startCmd(p: Proc, d: DaemonApi, argv: string[]): Promise<number> {
  const r = parseCommandLine(SPECS['start']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['start']!, r);
  const failed: string[] = [];
  const attach = r.flags['attach'] === true || r.flags['interactive'] === true;
  for (const ref of r.args) {
    const c = lookup(p, d, ref);
    if (!c) {
      failed.push(ref);
      continue;
    }
    if (isRunning(c)) {
      if (!attach) p.out(`${ref}\n`);
      continue;
    }
    if (attach && r.args.length === 1) {
      // Without -i the terminal's input is not connected: an interactive shell just runs.
      if (r.flags['interactive'] !== true) c.config.openStdin = false;
      return startAndAttach(p, d, c, 'attached', (e) => {
        daemonError(p, e);
        p.err(`Error: failed to start containers: ${ref}\n`);
        return 1;
      });
    }
    const s = d.containerStart(c);
    p.rt.changed();
    if (!s.ok) {
      daemonError(p, s.error);
      failed.push(ref);
      continue;
    }
    await d.settle();
    p.out(`${ref}\n`);
  }
  if (failed.length) {
    p.err(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}

export async function stopCmd(p: Proc, d: DaemonApi, argv: string[], which: 'stop' | 'restart'): Promise<number> {
  const r = parseCommandLine(SPECS[which]!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS[which]!, r);
  let status = 0;
  const timeout = typeof r.flags['timeout'] === 'number' ? r.flags['timeout'] : 10;
  for (const ref of r.args) {
    const c = lookup(p, d, ref);
    if (!c) {
      status = 1;
      continue;
    }
    if (which === 'restart') {
      const s = d.containerRestart(c, timeout);
      if (!s.ok) {
        daemonError(p, s.error);
        status = 1;
        continue;
      }
      await d.settle();
    } else d.containerStop(c, timeout);
    p.rt.changed();
    p.out(`${ref}\n`);
  }
  return status;
}

export function killCmd(p: Proc, d: DaemonApi, argv: string[]): Promise<number> | number {
  const r = parseCommandLine(SPECS['kill']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['kill']!, r);
  return eachContainer(p, d, r.args, (c) => d.containerKill(c, String(r.flags['signal'] ?? 'KILL')));
}

export function rmCmd(p: Proc, d: DaemonApi, argv: string[]): Promise<number> | number {
  const r = parseCommandLine(SPECS['rm']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['rm']!, r);
  return eachContainer(p, d, r.args, (c) => d.containerRemove(c, r.flags['force'] === true));
}

export function renameCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const r = parseCommandLine(SPECS['rename']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['rename']!, r);
  const c = lookup(p, d, r.args[0]!);
  if (!c) return 1;
  const res = d.containerRename(c, r.args[1]!);
  if (!res.ok) return daemonError(p, res.error);
  p.rt.changed();
  return 0;
}

export function pauseCmd(p: Proc, d: DaemonApi, argv: string[], which: 'pause' | 'unpause'): Promise<number> | number {
  const r = parseCommandLine(SPECS[which]!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS[which]!, r);
  return eachContainer(p, d, r.args, (c) => (which === 'pause' ? d.containerPause(c) : d.containerUnpause(c)));
}
