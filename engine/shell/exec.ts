import { loginEnvironment } from './env';
import { shellHost, type ExecEnv, type ExecIO } from './host';
import { execTerminalLine, type LineResult, type ShellHost } from './interp/index';
import { containerOf, cwdOf, type ExecContext } from './types';

/**
 * A line typed at a terminal, run by the shell interpreter (shell/interp) in an execution context:
 * the context keeps the shell's variables, exports and directory as plain data (saved with the
 * lab); programs come from the lab's table through the ShellHost (host.ts).
 */

export { execArgv, isAvailable, notFound, type ExecEnv, type ExecIO } from './host';

/** Longer lines are refused before parsing (a paste of a whole file, a runaway generator). */
const MAX_LINE = 100_000;

export function shellName(ctx: ExecContext): string {
  return ctx.shell === 'busybox' || ctx.shell === 'dash' ? 'sh' : ctx.shell;
}

/** $$ of a terminal's shell: 1 for a container's main process (`docker run -it alpine sh`), else a fixed pid. */
function terminalPid(ctx: ExecContext, env: ExecEnv): number {
  if (ctx.kind !== 'container') return 1000;
  if (ctx.endsContainer) return 1;
  return (containerOf({ rt: env.rt, ctx })?.pid ?? 0) + 6;
}

/** What a terminal's context keeps between lines: its host and login environment, built once. */
interface Terminal {
  rt: ExecEnv['rt'];
  session: ExecEnv['session'];
  host: ShellHost;
  /** The current line's readLine (the host reads it from here). */
  io: Pick<ExecIO, 'readLine'>;
  env: Record<string, string>;
  shellVars: Record<string, string>;
}

const terminals = new WeakMap<ExecContext, Terminal>();

function terminalOf(env: ExecEnv, ctx: ExecContext): Terminal {
  const known = terminals.get(ctx);
  if (known && known.rt === env.rt && known.session === env.session) return known;
  const io: Pick<ExecIO, 'readLine'> = {};
  const shellVars = Object.create(null) as Record<string, string>;
  if (ctx.kind !== 'container') shellVars['HOSTNAME'] = ctx.host;
  const host = shellHost({ rt: env.rt, session: env.session, lastExit: 0 }, ctx, {
    get readLine() {
      return io.readLine;
    },
  });
  const t: Terminal = { rt: env.rt, session: env.session, host, io, env: loginEnvironment({ rt: env.rt, ctx }), shellVars };
  terminals.set(ctx, t);
  return t;
}

/**
 * Runs what was typed. With `continuation`, input that needs more lines (an open quote, `if`
 * without `fi`, a here-document) runs nothing and comes back 'incomplete'; without it, that input
 * is the shell's end-of-file syntax error. 'exit' means `exit` ended this terminal's shell.
 */
export async function execLine(env: ExecEnv, ctx: ExecContext, line: string, io: ExecIO, continuation = false): Promise<LineResult> {
  if (line.length > MAX_LINE) {
    io.err(`${shellName(ctx)}: line too long (${line.length} characters)\n`);
    return { kind: 'done', status: 2 };
  }
  // Control characters other than tab and newline cannot be typed meaningfully; the shell sees text.
  const stripped = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  const t = terminalOf(env, ctx);
  t.io.readLine = io.readLine;
  return execTerminalLine(ctx, stripped, { out: io.out, err: io.err, tty: io.tty === true, signal: io.signal, readLine: io.readLine }, {
    host: t.host,
    lastExit: env.lastExit,
    home: ctx.kind === 'container' ? cwdOf({ rt: env.rt, ctx: { ...ctx, cwd: undefined } }) : '/root',
    pid: terminalPid(ctx, env),
    env: t.env,
    shellVars: t.shellVars,
    continuation,
  });
}
