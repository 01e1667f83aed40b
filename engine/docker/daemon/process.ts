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
 * How the main process behaves: a shell with a terminal or open stdin waits for input; servers
 * and `sleep infinity` run until stopped; anything else (sleep 30, sh -c '...', ping) runs
 * through the container's shell on lab time and exits when it is done.
 */
export function decideProcess(c: ContainerRec, argv: string[]): MainProcess {
  const args = argv[0] === '/docker-entrypoint.sh' ? argv.slice(1) : argv;
  const prog = basename(args[0] ?? '');
  if (prog === 'nginx') return { kind: 'daemon', app: 'nginx' };
  if (SHELLS.includes(prog) && args.slice(1).every((a) => a === '-l' || a === '-i' || a === '--login')) {
    return c.config.tty || c.config.openStdin ? { kind: 'shell' } : { kind: 'script' };
  }
  if (prog === 'sleep' && args[1] === 'infinity') return { kind: 'daemon', app: 'sleep' };
  if ((prog === 'tail' && args.includes('-f')) || prog === 'top') return { kind: 'daemon', app: 'idle' };
  return { kind: 'script' };
}

/** Exit code when `docker stop` ends the process: PID-1 shells ignore SIGTERM and get SIGKILLed (137). */
export function stopExitCode(p: MainProcess): { code: number; graceful: boolean } {
  if (p.kind === 'daemon' && p.app === 'nginx') return { code: 0, graceful: true };
  return { code: 137, graceful: false };
}

/** Whether the image has the program (an absolute path is checked by its basename). */
export function imageHasProgram(image: ImageSpec | undefined, prog: string): boolean {
  if (!image) return false;
  const b = basename(prog);
  if (prog === '/docker-entrypoint.sh') return image.entrypoint?.[0] === prog;
  return image.programs.includes(b);
}
