import type { ImageSpec } from './images';
import type { ContainerRec, MainProcess } from '../types';
import { serverFor } from './servers';

/** argv of the container's main process: entrypoint + cmd, with the user's overrides. */
export function mainArgv(c: ContainerRec, image: ImageSpec | undefined): string[] {
  const entry = c.entrypointOverride ?? image?.entrypoint ?? [];
  const cmd = c.cmdOverride ?? (c.entrypointOverride ? [] : (image?.cmd ?? []));
  return [...entry, ...cmd];
}

const SHELLS = ['sh', 'ash', 'bash', 'zsh'];

/** Entrypoint scripts that end by exec'ing their arguments. */
const ENTRYPOINTS = ['/docker-entrypoint.sh', 'docker-entrypoint.sh'];

export function basename(p: string): string {
  return p.split('/').pop() ?? p;
}

/** The program the main process ends up running: the entrypoint script execs its arguments. */
export function programArgv(argv: string[]): string[] {
  return ENTRYPOINTS.includes(argv[0] ?? '') && argv.length > 1 ? argv.slice(1) : argv;
}

/**
 * How the main process behaves: a shell with a terminal or open stdin waits for input; the
 * image's server and `sleep infinity` run until stopped; anything else (sleep 30, sh -c '...',
 * ping, busybox httpd, nc -l) runs through the container's shell on lab time.
 */
export function decideProcess(c: ContainerRec, argv: string[], image?: ImageSpec): MainProcess {
  const args = programArgv(argv);
  const server = serverFor(image, args);
  if (server) return { kind: 'daemon', app: server.app };
  const prog = basename(args[0] ?? '');
  if (SHELLS.includes(prog) && args.slice(1).every((a) => a === '-l' || a === '-i' || a === '--login')) {
    return c.config.tty || c.config.openStdin ? { kind: 'shell' } : { kind: 'script' };
  }
  if (prog === 'sleep' && args[1] === 'infinity') return { kind: 'daemon', app: 'sleep' };
  if ((prog === 'tail' && args.includes('-f')) || prog === 'top') return { kind: 'daemon', app: 'idle' };
  return { kind: 'script' };
}

/**
 * Exit status when `docker stop` ends the process. Servers handle the image's STOPSIGNAL and
 * exit 0 (nginx SIGQUIT, httpd SIGWINCH, postgres SIGINT, redis SIGTERM). Go's runtime catches
 * SIGTERM for whoami, re-raises it, and as PID 1 (the re-raised signal is ignored) exits 2
 * (runtime dieFromSignal). PID-1 shells and sleeps ignore SIGTERM: SIGKILL follows (137).
 */
export function stopExitCode(p: MainProcess): { code: number; graceful: boolean } {
  if (p.kind === 'daemon' && ['nginx', 'httpd', 'postgres', 'redis'].includes(p.app)) return { code: 0, graceful: true };
  if (p.kind === 'daemon' && p.app === 'whoami') return { code: 2, graceful: true };
  return { code: 137, graceful: false };
}

/** Whether the image has the program (an absolute path is checked by its basename). */
export function imageHasProgram(image: ImageSpec | undefined, prog: string): boolean {
  if (!image) return false;
  const b = basename(prog);
  if (ENTRYPOINTS.includes(prog)) return image.entrypoint?.[0] === prog;
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

/** Signals each server handles by shutting down, and the status it then exits with. */
const HANDLED: Record<string, [RegExp, number]> = {
  nginx: [/^(SIG)?(INT|TERM|QUIT|2|3|15)$/i, 0],
  httpd: [/^(SIG)?(INT|TERM|WINCH|2|15|28)$/i, 0],
  postgres: [/^(SIG)?(INT|TERM|QUIT|2|3|15)$/i, 0],
  redis: [/^(SIG)?(INT|TERM|2|15)$/i, 0],
  whoami: [/^(SIG)?(INT|TERM|2|15)$/i, 2],
};

/** The exit status after `docker kill -s SIGNAL` if the main process handles that signal itself, else null. */
export function handledSignalExit(p: MainProcess, signal: string): number | null {
  if (p.kind !== 'daemon' || !Object.hasOwn(HANDLED, p.app)) return null;
  const [re, code] = HANDLED[p.app]!;
  return re.test(signal) ? code : null;
}
