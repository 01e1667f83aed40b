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

/** Directories every image has (FHS), and the files the daemon or the image puts in /etc. */
const DIRECTORIES = new Set(['/', '/bin', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/var', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/share', '/var/log', '/var/lib']);
const FILES = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/etc/passwd', '/etc/group', '/etc/os-release', '/etc/shadow', '/etc/fstab']);

/**
 * Why runc cannot exec this program in the image, in its words ("is a directory", "permission
 * denied", "executable file not found in $PATH"), or null when it can. A path is looked at as a
 * path; a bare name is looked up in the image's programs.
 */
export function execProblem(image: ImageSpec | undefined, prog: string): string | null {
  if (prog.includes('/')) {
    const path = prog.replace(/\/+$/, '') || '/';
    if (DIRECTORIES.has(path)) return 'is a directory';
    if (FILES.has(path)) return 'permission denied';
    if (imageHasProgram(image, prog)) return null;
    return `stat ${prog}: no such file or directory`;
  }
  return imageHasProgram(image, prog) ? null : 'executable file not found in $PATH';
}

/** The exit status of a failed exec (moby@v28.5.2 daemon/errors.go setExitCodeFromError): 126 when it cannot be run, 127 when it is not there. */
export function execProblemExitCode(problem: string): number {
  return /permission denied|is a directory/.test(problem) ? 126 : 127;
}

/** Whether a directory exists in the container: the standard ones, the image's own, and those holding files written there. */
export function isImageDirectory(image: ImageSpec | undefined, c: ContainerRec, path: string): boolean {
  const dir = path.replace(/\/+$/, '') || '/';
  if (DIRECTORIES.has(dir)) return true;
  if (image?.repository === 'nginx' && ['/etc/nginx', '/etc/nginx/conf.d', '/usr/share/nginx', '/usr/share/nginx/html', '/docker-entrypoint.d'].includes(dir)) return true;
  return Object.keys(c.files).some((f) => f.startsWith(`${dir}/`));
}
