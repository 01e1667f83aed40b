import type { ImageSpec } from './images';
import type { ContainerRec, MainProcess } from '../types';

/** argv of the container's main process: entrypoint + cmd, with the user's overrides. */
export function mainArgv(c: ContainerRec, image: ImageSpec | undefined): string[] {
  const entry = c.entrypointOverride ?? image?.entrypoint ?? [];
  const cmd = c.cmdOverride ?? (c.entrypointOverride ? [] : (image?.cmd ?? []));
  return [...entry, ...cmd];
}

const SHELLS = ['sh', 'ash', 'bash', 'zsh'];

export function basename(p: string): string {
  return p.split('/').pop() ?? p;
}

/**
 * How the main process behaves: a shell with a terminal or open stdin waits forever; servers and
 * `sleep infinity` run until stopped; `sleep N` ends on its own; anything else runs to completion.
 */
export function decideProcess(c: ContainerRec, argv: string[], now: number): MainProcess {
  const args = argv[0] === '/docker-entrypoint.sh' ? argv.slice(1) : argv;
  const prog = basename(args[0] ?? '');
  if (prog === 'nginx') return { kind: 'daemon', app: 'nginx' };
  if (SHELLS.includes(prog) && args.slice(1).every((a) => a === '-l' || a === '-i' || a === '--login')) {
    return c.config.tty || c.config.openStdin ? { kind: 'shell' } : { kind: 'oneshot' };
  }
  if (prog === 'sleep') {
    const arg = args[1] ?? '';
    if (arg === 'infinity') return { kind: 'daemon', app: 'sleep' };
    const secs = parseDuration(arg);
    if (secs !== null) return { kind: 'timed', endsAt: now + secs * 1000, exitCode: 0 };
  }
  if ((prog === 'tail' && args.includes('-f')) || prog === 'top') return { kind: 'daemon', app: 'idle' };
  return { kind: 'oneshot' };
}

/** sleep's argument: "30", "1.5", "2m", "1h". */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text);
  if (!m) return null;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}

/** Exit code when `docker stop` ends the process: PID-1 shells ignore SIGTERM and get SIGKILLed (137). */
export function stopExitCode(p: MainProcess): { code: number; graceful: boolean } {
  if (p.kind === 'daemon' && p.app === 'nginx') return { code: 0, graceful: true };
  return { code: 137, graceful: false };
}
