import { imageById } from '../docker/daemon/images';
import { parseLine, type SimpleCommand } from './parse';
import { absolutePath, readFile, writeFile } from './files';
import { containerOf, cwdOf, type ExecContext, type Proc, type Runtime, type SessionControl } from './types';

/**
 * The interpreter: runs a command line in an execution context. Pipelines pass the whole output
 * of one command as the next one's stdin; only the last command of a pipeline streams to the
 * terminal. Every failure ends in the shell's own message and an exit status, never a throw.
 */

export interface ExecIO {
  out(text: string): void;
  err(text: string): void;
  stdin?: string | null;
  signal?: AbortSignal;
  readLine?: (prompt: string) => Promise<string | null>;
  /** stdout is the terminal: a session's line, not a pipe stage, a redirection or $(...). */
  tty?: boolean;
}

export interface ExecEnv {
  rt: Runtime;
  session: SessionControl;
  /** $? of the previous line. */
  lastExit: number;
  /** Inside `sh -c` or a container's command: `exit` ends the script, not the session. */
  nested?: boolean;
}

/** Thrown by `exit` inside a script; the script's interpreter turns it into its exit status. */
export class ShellExit {
  constructor(readonly code: number) {}
}

const MAX_LINE = 100_000;

export function shellName(ctx: ExecContext): string {
  return ctx.shell === 'busybox' || ctx.shell === 'dash' ? 'sh' : ctx.shell;
}

export function notFound(ctx: ExecContext, name: string): string {
  if (ctx.shell === 'busybox') return `sh: ${name}: not found\n`;
  if (ctx.shell === 'dash') return `sh: 1: ${name}: not found\n`;
  if (ctx.shell === 'zsh') return `zsh: command not found: ${name}\n`;
  return `bash: ${name}: command not found\n`;
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
function hasInContext(env: ExecEnv, ctx: ExecContext, name: string): boolean {
  if (ctx.kind !== 'container') return true;
  const c = ctx.containerId ? env.rt.world.hosts[ctx.host]?.docker.containers[ctx.containerId] : undefined;
  const image = c ? imageById(c.imageId) : undefined;
  return !!image && image.programs.includes(name);
}

interface Segment {
  join: ';' | '&&' | '||' | null;
  text: string;
}

/**
 * Splits a line at its top-level `;`, `&&`, `||` and `&` (outside quotes and command
 * substitutions). Each segment is expanded and parsed only when its turn comes, so
 * `x=1; echo $x` and `IP=$(...); ping $IP` see the variable just set.
 */
function splitList(line: string): Segment[] | string {
  const out: Segment[] = [];
  let quote: '"' | "'" | null = null;
  let depth = 0;
  let tick = false;
  let start = 0;
  let join: Segment['join'] = null;
  const cut = (end: number, next: Segment['join'], opLen: number, i: number) => {
    out.push({ join, text: line.slice(start, end) });
    join = next;
    start = i + opLen;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== "'" && ch === '\\') {
      i++;
      continue;
    }
    if (quote === "'") {
      if (ch === "'") quote = null;
      continue;
    }
    if (ch === "'" && quote === null && depth === 0 && !tick) {
      quote = "'";
      continue;
    }
    if (ch === '"') {
      quote = quote === '"' ? null : quote === null ? '"' : quote;
      continue;
    }
    if (ch === '`') {
      tick = !tick;
      continue;
    }
    if (ch === '$' && line[i + 1] === '(') {
      depth++;
      i++;
      continue;
    }
    if (depth > 0) {
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      continue;
    }
    if (quote || tick) continue;
    if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    const two = line.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      cut(i, two, 2, i);
      i++;
    } else if (two === ';;') return "syntax error near unexpected token `;;'";
    else if (ch === ';') cut(i, ';', 1, i);
    else if (ch === '&' && line[i - 1] !== '>' && line[i + 1] !== '>') cut(i, ';', 1, i);
  }
  out.push({ join, text: line.slice(start) });
  for (let k = 0; k < out.length; k++) {
    const seg = out[k]!;
    if (seg.text.trim() === '') {
      const last = k === out.length - 1;
      if (last && (seg.join === ';' || seg.join === null)) continue;
      const token = last ? 'newline' : (out[k + 1]!.join ?? ';');
      return k === 0 && out.length > 1 ? `syntax error near unexpected token \`${out[1]!.join}'` : `syntax error near unexpected token \`${token}'`;
    }
  }
  return out.filter((seg, k) => !(k === out.length - 1 && seg.text.trim() === ''));
}

const KEYWORDS = new Set(['for', 'while', 'until', 'if', 'case', 'function', 'select', 'then', 'do', 'done', 'fi', 'esac', 'elif', 'else']);

/** Replaces command substitutions with a plain word, to check a line's syntax before running any of it. */
function withoutSubstitutions(text: string): string {
  return text.replace(/\$\((?:[^()]|\([^()]*\))*\)/g, 'x').replace(/`[^`]*`/g, 'x');
}

export async function execLine(env: ExecEnv, ctx: ExecContext, line: string, io: ExecIO): Promise<number> {
  if (line.length > MAX_LINE) {
    io.err(`${shellName(ctx)}: line too long (${line.length} characters)\n`);
    return 2;
  }
  const fail = (error: string): number => {
    io.err(error.startsWith('sim:') ? `${error}\n` : `${shellName(ctx)}: ${error}\n`);
    env.lastExit = 2;
    return 2;
  };
  // Control characters other than tab cannot be typed meaningfully; the shell sees them as text.
  const stripped = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  const segments = splitList(stripped);
  if (typeof segments === 'string') return fail(segments);
  // Like a real shell, a syntax error anywhere means nothing on the line runs.
  for (const seg of segments) {
    const first = seg.text.trim().split(/\s+/)[0] ?? '';
    if (KEYWORDS.has(first)) return fail("sim: loops and conditionals (for, while, if, case) are not part of this lab's shell; run the commands one by one");
    const check = parseLine(withoutSubstitutions(seg.text), () => '');
    if (!check.ok) return fail(check.error);
  }
  let status = env.lastExit;
  for (const seg of segments) {
    if (io.signal?.aborted) break;
    if (seg.join === '&&' && status !== 0) continue;
    if (seg.join === '||' && status === 0) continue;
    const expanded = await expandSubstitutions(env, ctx, expandTilde(seg.text), io);
    if (!expanded.ok) return fail(expanded.error);
    const parsed = parseLine(expanded.line, (name) => (name === '?' ? String(env.lastExit) : (ctx.vars[name] ?? builtinVar(env, ctx, name))));
    if (!parsed.ok) return fail(parsed.error);
    for (const item of parsed.list) {
      try {
        status = await runPipeline(env, ctx, item.pipeline, io);
      } catch (e) {
        if (e instanceof ShellExit && env.nested) return e.code;
        throw e;
      }
      env.lastExit = status;
    }
  }
  return status;
}

/** Tilde expansion: an unquoted `~` that starts a word (alone or before `/`) is root's home. */
function expandTilde(text: string): string {
  if (!text.includes('~')) return text;
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
      continue;
    }
    if (ch === '\\') {
      out += ch + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    const starts = i === 0 || /[\s=:]/.test(text[i - 1]!);
    const ends = i + 1 >= text.length || /[\s/]/.test(text[i + 1]!);
    out += ch === '~' && starts && ends ? '/root' : ch;
  }
  return out;
}

function builtinVar(env: ExecEnv, ctx: ExecContext, name: string): string | undefined {
  switch (name) {
    case 'HOME':
      return '/root';
    case 'USER':
    case 'LOGNAME':
      return 'root';
    case 'PWD':
      return cwdOf({ ctx, rt: env.rt });
    case 'SHELL':
      return ctx.shell === 'bash' ? '/bin/bash' : ctx.shell === 'zsh' ? '/bin/zsh' : '/bin/sh';
    case 'PATH':
      return '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    case 'HOSTNAME': {
      if (ctx.kind === 'container' && ctx.containerId) return env.rt.world.hosts[ctx.host]?.docker.containers[ctx.containerId]?.config.hostname;
      return ctx.host;
    }
    default:
      return undefined;
  }
}

const SPECIAL = /[\\'"$`|&;<>(){}*?#~!]/g;

/**
 * Command substitution, `$(...)` and backticks: runs the inner line in the same context and puts
 * its output in its place (trailing newlines dropped; unquoted, newlines split words), before the
 * line is parsed. `docker rm -f $(docker ps -aq)` needs it.
 */
async function expandSubstitutions(env: ExecEnv, ctx: ExecContext, line: string, io: ExecIO): Promise<{ ok: true; line: string } | { ok: false; error: string }> {
  if (!line.includes('$(') && !line.includes('`')) return { ok: true, line };
  let out = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== "'" && ch === '\\') {
      out += ch + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === "'" && quote !== '"') quote = quote === "'" ? null : "'";
    else if (ch === '"' && quote !== "'") quote = quote === '"' ? null : '"';
    const opensDollar = ch === '$' && line[i + 1] === '(' && quote !== "'";
    const opensTick = ch === '`' && quote !== "'";
    if (!opensDollar && !opensTick) {
      out += ch;
      continue;
    }
    let inner: string;
    let end: number;
    if (opensDollar) {
      if (line[i + 2] === '(') return { ok: false, error: "sim: arithmetic expansion $(( )) is not part of this lab's shell" };
      let depth = 1;
      let j = i + 2;
      let q: string | null = null;
      for (; j < line.length && depth > 0; j++) {
        const c = line[j]!;
        if (q) {
          if (c === q) q = null;
        } else if (c === '"' || c === "'") q = c;
        else if (c === '(') depth++;
        else if (c === ')') depth--;
      }
      if (depth > 0) return { ok: false, error: "unexpected EOF while looking for matching `)'" };
      inner = line.slice(i + 2, j - 1);
      end = j - 1;
    } else {
      const j = line.indexOf('`', i + 1);
      if (j < 0) return { ok: false, error: 'unexpected EOF while looking for matching ``\'' };
      inner = line.slice(i + 1, j);
      end = j;
    }
    let captured = '';
    await execLine({ ...env, nested: true }, ctx, inner, { ...io, out: (t) => (captured += t), stdin: null, tty: false });
    const value = captured.replace(/\n+$/, '');
    out += quote === '"' ? value.replace(/[\\"$`]/g, (m) => `\\${m}`) : value.replace(/\s+/g, ' ').replace(SPECIAL, (m) => `\\${m}`);
    i = end;
  }
  return { ok: true, line: out };
}

async function runPipeline(env: ExecEnv, ctx: ExecContext, pipeline: SimpleCommand[], io: ExecIO): Promise<number> {
  let input: string | null = io.stdin ?? null;
  let status = 0;
  for (let i = 0; i < pipeline.length; i++) {
    const last = i === pipeline.length - 1;
    let captured = '';
    const cmdIo: ExecIO = {
      ...io,
      stdin: input,
      out: last ? io.out : (t) => (captured += t),
      err: io.err,
      tty: last ? io.tty : false,
    };
    status = await runSimple(env, ctx, pipeline[i]!, cmdIo);
    input = captured;
  }
  return status;
}

async function runSimple(env: ExecEnv, ctx: ExecContext, cmd: SimpleCommand, io: ExecIO): Promise<number> {
  let argv = cmd.argv;
  // Leading assignments: alone they set shell variables; before a command they are its environment.
  const assigns: Record<string, string> = {};
  while (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0]!)) {
    const a = argv[0]!;
    const eq = a.indexOf('=');
    assigns[a.slice(0, eq)] = a.slice(eq + 1);
    argv = argv.slice(1);
  }
  if (argv.length === 0) {
    Object.assign(ctx.vars, assigns);
    return 0;
  }
  const name = argv[0]!;
  const progName = name.includes('/') ? name.split('/').pop()! : name;
  // Redirections: collect output in buffers, then write or discard.
  let out = io.out;
  let err = io.err;
  let outBuf = '';
  let errBuf = '';
  const outFile = cmd.redirects.filter((r) => r.fd === 1 && r.op !== '>&').pop();
  const errFile = cmd.redirects.filter((r) => r.fd === 2 && r.op !== '>&').pop();
  const errToOut = cmd.redirects.some((r) => r.fd === 2 && r.op === '>&' && r.target === '1');
  const outToErr = cmd.redirects.some((r) => r.fd === 1 && r.op === '>&' && r.target === '2');
  if (outFile) out = (t) => (outBuf += t);
  if (outToErr) out = io.err;
  if (errFile) err = (t) => (errBuf += t);
  if (errToOut) err = out;
  let stdin = io.stdin ?? null;
  const proc: Proc = {
    rt: env.rt,
    ctx,
    argv: [progName, ...argv.slice(1)],
    stdin,
    out,
    err,
    tty: io.tty === true && !outFile,
    signal: io.signal,
    readLine: io.readLine,
    session: env.session,
    nested: env.nested === true,
    runLine: (line, c, sub) =>
      execLine({ rt: env.rt, session: env.session, lastExit: 0, nested: true }, c, line, { ...sub, signal: io.signal, readLine: io.readLine }),
    runArgv: (argv2, c, sub) =>
      execArgv({ rt: env.rt, session: env.session, lastExit: 0, nested: true }, c, argv2, { ...sub, signal: io.signal, readLine: io.readLine }),
  };
  if (cmd.input) {
    const text = readFile(proc, absolutePath(cmd.input, cwdOf(proc)));
    if (text === null) {
      io.err(`${shellName(ctx)}: can't open '${cmd.input}': No such file or directory\n`);
      return 1;
    }
    stdin = text;
    proc.stdin = text;
  }
  if (ctx.kind === 'container' && !containerOf(proc)) {
    io.err(`${shellName(ctx)}: container is gone\n`);
    return 137;
  }
  const status = await dispatch(env, proc, name);
  if (outFile) {
    const e = writeFile(proc, absolutePath(outFile.target, cwdOf(proc)), outBuf, outFile.op === '>>');
    if (e) io.err(`${shellName(ctx)}: ${e}\n`);
  }
  if (errFile) {
    const e = writeFile(proc, absolutePath(errFile.target, cwdOf(proc)), errBuf, errFile.op === '>>');
    if (e) io.err(`${shellName(ctx)}: ${e}\n`);
  }
  return status;
}

async function dispatch(env: ExecEnv, proc: Proc, name: string): Promise<number> {
  const progName = proc.argv[0]!;
  // A real program the machine or image has, that the lab does not simulate: say so plainly.
  const table = env.rt.programs;
  const known = proc.ctx.kind === 'container' ? hasInContext(env, proc.ctx, progName) : table.notSimulated(progName);
  if (!table.get(progName) && known) {
    if (['apk', 'apt', 'apt-get', 'yum', 'dnf', 'dpkg'].includes(progName)) {
      proc.err(`sim: installing packages (${progName}) is not part of this lab; the nicolaka/netshoot image has curl, dig and iptables already\n`);
    } else proc.err(`sim: '${progName}' is not part of this lab\n`);
    return 127;
  }
  if (!isAvailable(env.rt, proc.ctx, progName)) {
    proc.err(notFound(proc.ctx, name));
    return 127;
  }
  const program = table.get(progName)!;
  try {
    return await program(proc);
  } catch (e) {
    if (e instanceof ShellExit) throw e;
    // A bug in a program must not freeze the terminal or lose the lab: report it plainly.
    proc.err(`sim: internal error in ${progName}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 70;
  }
}

/** Runs an argv directly (no shell parsing), as `docker exec c1 ping -c 1 x` does. */
export async function execArgv(env: ExecEnv, ctx: ExecContext, argv: string[], io: ExecIO): Promise<number> {
  if (argv.length === 0) return 0;
  const name = argv[0]!;
  const progName = name.includes('/') ? name.split('/').pop()! : name;
  const proc: Proc = {
    rt: env.rt,
    ctx,
    argv: [progName, ...argv.slice(1)],
    stdin: io.stdin ?? null,
    out: io.out,
    err: io.err,
    tty: io.tty === true,
    signal: io.signal,
    readLine: io.readLine,
    session: env.session,
    nested: env.nested === true,
    runLine: (line, c, sub) => execLine({ ...env, lastExit: 0, nested: true }, c, line, { ...sub, signal: io.signal, readLine: io.readLine }),
    runArgv: (a, c, sub) => execArgv({ ...env, lastExit: 0, nested: true }, c, a, { ...sub, signal: io.signal, readLine: io.readLine }),
  };
  try {
    return await dispatch(env, proc, name);
  } catch (e) {
    if (e instanceof ShellExit) return e.code;
    throw e;
  }
}
