import { imageById } from '../docker/daemon/images';
import { loginEnvironment } from './env';
import { isDirectory, listDir, readFile, writeFileCode } from './files';
import { runScript, stateFromEnv, type ExecRequest, type ShellHost } from './interp/index';
import { containerOf, cwdOf, type ExecContext, type Proc, type Runtime, type ScriptOptions, type SessionControl, type SubIO } from './types';
import { NEVER, type Signal } from '../util/signal';

/**
 * The machine under the interpreter (its ShellHost): programs from the lab's table, files of the
 * place, pids, and time — a real event-loop turn at a terminal, lab time in a background process.
 */

export interface ExecIO {
  out(text: string): void;
  err(text: string): void;
  stdin?: string | null;
  signal?: Signal;
  readLine?: (prompt: string) => Promise<string | null>;
  /** stdout is the terminal: a session's line, not a pipe stage, a redirection or $(...). */
  tty?: boolean;
}

export interface ExecEnv {
  rt: Runtime;
  session: SessionControl;
  /** $? of the previous line. */
  lastExit: number;
  /** No terminal: inside `sh -c`, a script or a container's command. */
  nested?: boolean;
  /** Shells this one runs inside (0: the terminal's). */
  depth?: number;
}

export function isAvailable(rt: Runtime, ctx: ExecContext, name: string): boolean {
  if (rt.programs.isBuiltin(name)) return true;
  if (!rt.programs.get(name)) return false;
  if (ctx.kind === 'host') return true;
  if (ctx.kind === 'machine') return !rt.programs.hostOnly(name);
  const host = rt.world.hosts[ctx.host];
  const c = ctx.containerId ? host?.docker.containers[ctx.containerId] : undefined;
  const image = c ? imageById(c.imageId) : undefined;
  return !!image && image.programs.includes(name);
}

/** Whether the real machine or image would have the program (hosts have most tools; images list theirs). */
function hasInContext(rt: Runtime, ctx: ExecContext, name: string): boolean {
  if (ctx.kind !== 'container') return rt.programs.notSimulated(name);
  const c = ctx.containerId ? rt.world.hosts[ctx.host]?.docker.containers[ctx.containerId] : undefined;
  const image = c ? imageById(c.imageId) : undefined;
  return !!image && image.programs.includes(name);
}

const INSTALLERS = new Set(['apk', 'apt', 'apt-get', 'yum', 'dnf', 'dpkg']);

/**
 * Runs a program of the lab's table; null when there is no such program here (the shell prints
 * its own "not found"). A real program the lab does not simulate gets one `sim:` line.
 */
export async function runProgram(proc: Proc): Promise<number | null> {
  const table = proc.rt.programs;
  const name = proc.argv[0]!;
  if (!table.get(name) && hasInContext(proc.rt, proc.ctx, name)) {
    if (INSTALLERS.has(name)) {
      proc.err(`sim: installing packages (${name}) is not part of this lab; the nicolaka/netshoot image has curl, dig and iptables already\n`);
    } else proc.err(`sim: '${name}' is not part of this lab\n`);
    return 127;
  }
  if (!isAvailable(proc.rt, proc.ctx, name)) return null;
  if (proc.ctx.kind === 'container' && !containerOf(proc)) {
    proc.err(`${proc.ctx.shell === 'bash' ? 'bash' : 'sh'}: container is gone\n`);
    return 137;
  }
  try {
    return await table.get(name)!(proc);
  } catch (e) {
    // A bug in a program must not freeze the terminal or lose the lab: report it plainly.
    proc.err(`sim: internal error in ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 70;
  }
}

/** `/usr/bin/curl` runs `curl`: programs are found by their last path component. */
export function programName(word: string): string {
  return word.includes('/') ? word.slice(word.lastIndexOf('/') + 1) : word;
}

/** A pid from the world (the Docker host's counter), so a restored lab goes on where it was. */
const machinePids = new WeakMap<object, number>();
export function newPid(rt: Runtime, ctx: ExecContext): number {
  const w = rt.world;
  if (Object.hasOwn(w.hosts, ctx.host)) return w.hosts[ctx.host]!.docker.nextPid++;
  const next = machinePids.get(w) ?? 4000;
  machinePids.set(w, next + 1);
  return next;
}

/** What a program is started with: an ExecRequest, whose environment is absent when no shell starts it. */
type ProcRequest = Omit<ExecRequest, 'env'> & { env?: ReadonlyMap<string, string> };

/** A program's process: the request's argv, descriptors, environment and directory in this context. */
export function procFor(env: ExecEnv, ctx: ExecContext, io: Pick<ExecIO, 'readLine'>, req: ProcRequest): Proc {
  return new Process(env, ctx, io, req);
}

/** A class rather than an object literal: one is made per program run, and a literal with a getter and closures costs several times more to build. */
class Process implements Proc {
  readonly rt: Runtime;
  readonly ctx: ExecContext;
  readonly argv: string[];
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly tty: boolean;
  readonly signal: Signal | undefined;
  readonly readLine: ((prompt: string) => Promise<string | null>) | undefined;
  readonly session: Proc['session'];
  readonly nested: boolean;
  readonly depth: number;
  readonly env: ReadonlyMap<string, string> | undefined;

  constructor(
    private readonly execEnv: ExecEnv,
    ctx: ExecContext,
    private readonly io: Pick<ExecIO, 'readLine'>,
    private readonly req: ProcRequest,
  ) {
    this.rt = execEnv.rt;
    this.ctx = { ...ctx, cwd: req.cwd };
    const first = req.argv[0]!;
    this.argv = first.includes('/') ? [programName(first), ...req.argv.slice(1)] : req.argv.slice();
    this.out = req.out;
    this.err = req.err;
    this.tty = req.tty === true;
    this.signal = req.signal;
    this.readLine = io.readLine;
    this.session = execEnv.session;
    this.nested = execEnv.nested === true;
    this.depth = req.depth;
    this.env = req.env;
  }

  get stdin(): string | null {
    return this.req.stdin;
  }

  runLine(line: string, c: ExecContext, sub: SubIO): Promise<number> {
    // `ssh host2 cmd`: a login shell there runs cmd as `-c`, with that machine's environment.
    const { execEnv, io, req } = this;
    const there = procFor(execEnv, c, io, { argv: [c.shell], stdin: sub.stdin ?? null, out: sub.out, err: sub.err, cwd: cwdOf({ rt: execEnv.rt, ctx: c }), depth: req.depth, signal: req.signal });
    return runScriptIn(execEnv, there, line, { shell: c.shell, source: '-c', stdin: sub.stdin ?? null });
  }

  runArgv(argv: string[], c: ExecContext, sub: SubIO): Promise<number> {
    return execArgv({ ...this.execEnv, nested: true, depth: this.req.depth }, c, argv, { ...sub, signal: this.req.signal, readLine: this.io.readLine });
  }

  runScript(text: string, o: ScriptOptions): Promise<number> {
    return runScriptIn(this.execEnv, this, text, o);
  }
}

/** The ShellHost of a place: what the interpreter asks of the lab. */
export function shellHost(env: ExecEnv, ctx: ExecContext, io: Pick<ExecIO, 'readLine'>): ShellHost {
  const rt = env.rt;
  const place = { rt, ctx };
  let steps = 0;
  const host: ShellHost = {
    exec: (req) => runProgram(procFor(env, ctx, io, req)),
    which: (name) => (isAvailable(rt, ctx, name) ? `/usr/bin/${name}` : null),
    readFile: (path) => readFile(place, path),
    writeFile: (path, text, append) => writeFileCode(place, path, text, append),
    isDirectory: (path) => isDirectory(place, path),
    listDir: (path) => listDir(place, path),
    newPid: () => newPid(rt, ctx),
    yield: (signal) => rt.yieldTurn(signal),
    spawn: (task) => rt.spawn((bg) => task(shellHost({ ...env, rt: bg, nested: true }, ctx, {}))),
    until: (p, signal) => rt.until(p, signal),
  };
  // In the background the wall clock must not decide when to yield (the lab would not replay):
  // the interpreter reads the clock every 64 steps and yields after 8 "ms", so counting 4 per
  // reading makes a slice 128 steps — some 40 turns of a tight loop.
  if (rt.background) host.now = () => (steps += 4);
  if (io.readLine) host.readLine = io.readLine;
  return host;
}

/** A new shell in the process's context reading a script (`sh -c`, `sh file`, `sh < file`). */
async function runScriptIn(env: ExecEnv, proc: Proc, text: string, o: ScriptOptions): Promise<number> {
  const ctx: ExecContext = { ...proc.ctx, shell: o.shell };
  // A script has no terminal: a shell it starts without input reads end of file and ends.
  const sub: ExecEnv = { ...env, nested: true, depth: proc.depth + 1 };
  const vars = proc.env ?? new Map(Object.entries(loginEnvironment(proc)));
  const state = stateFromEnv({ shell: o.shell, env: vars, cwd: proc.ctx.cwd ?? '/', pid: newPid(proc.rt, proc.ctx), arg0: o.arg0, positional: o.positional });
  return runScript(text, {
    host: shellHost(sub, ctx, { readLine: proc.readLine }),
    state,
    signal: proc.signal ?? NEVER,
    out: proc.out,
    err: proc.err,
    stdin: o.stdin,
    tty: proc.tty === true,
    depth: proc.depth + 1,
    source: o.source,
  });
}

/** Runs an argv directly, without a shell (`docker exec c1 ping -c 1 x`, a container's CMD, sudo). */
export async function execArgv(env: ExecEnv, ctx: ExecContext, argv: string[], io: ExecIO): Promise<number> {
  if (argv.length === 0) return 0;
  const name = argv[0]!;
  // Docker starts the process with the container's environment, not a shell's: no env here.
  const req: ProcRequest = {
    argv,
    stdin: io.stdin ?? null,
    out: io.out,
    err: io.err,
    tty: io.tty === true,
    cwd: cwdOf({ rt: env.rt, ctx }),
    depth: env.depth ?? 0,
    signal: io.signal ?? NEVER,
  };
  const proc = procFor({ ...env, nested: env.nested ?? true }, ctx, io, req);
  const status = await runProgram(proc);
  if (status !== null) return status;
  io.err(notFound(ctx, name));
  return 127;
}

export function notFound(ctx: ExecContext, name: string): string {
  if (ctx.shell === 'busybox') return `sh: ${name}: not found\n`;
  if (ctx.shell === 'dash') return `sh: 1: ${name}: not found\n`;
  if (ctx.shell === 'zsh') return `zsh: command not found: ${name}\n`;
  return `bash: ${name}: command not found\n`;
}
