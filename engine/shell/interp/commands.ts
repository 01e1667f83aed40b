import type { AndOr, CaseCommand, Command, CompoundCommand, ListItem, Pipeline, Script } from '../syntax/ast';
import { assignVar } from './assign';
import { evalCond } from './builtins/test';
import type { ShellHost } from './host';
import { ChildSignal, Collector, err, LoopJump, Unwind, withFds, type IO } from './io';
import { badNameText } from './messages';
import { matchPattern } from './pattern';
import { applyRedirects } from './redirect';
import type { Shell } from './shell';
import { execSimple } from './simple';
import { Cancel } from '../../util/signal';

/** Lists, pipelines and compound commands. Every function returns the exit status. */

/** A pipe holds at most this much text between two stages (a real pipe blocks; here it is cut). */
// 8 MiB: `iptables -t nat -S` with a published 1-65535 range is some 5.6 M characters.
const PIPE_LIMIT = 8 << 20;

export function execScript(sh: Shell, script: Script, io: IO): Promise<number> {
  // One foreground and-or list (most lines): its status, without another async frame.
  const only = script.items.length === 1 ? script.items[0]! : null;
  if (only && !only.background) return execAndOr(sh, only.andor, io);
  return execItems(sh, script, io);
}

async function execItems(sh: Shell, script: Script, io: IO): Promise<number> {
  let status = 0;
  for (const item of script.items) {
    status = item.background ? startJob(sh, item, io) : await execAndOr(sh, item.andor, io);
  }
  return status;
}

function execAndOr(sh: Shell, a: AndOr, io: IO): Promise<number> {
  return a.tail.length === 0 ? checked(sh, a.head, io, true) : execChain(sh, a, io);
}

async function execChain(sh: Shell, a: AndOr, io: IO): Promise<number> {
  const n = a.tail.length;
  let status = await checked(sh, a.head, io, n === 0);
  for (let k = 0; k < n; k++) {
    const { op, pipeline } = a.tail[k]!;
    if ((op === '&&') !== (status === 0)) continue;
    status = await checked(sh, pipeline, io, k === n - 1);
  }
  return status;
}

/** Runs a pipeline and applies `set -e` to it unless a `&&`/`||` follows it or a condition holds it. */
async function checked(sh: Shell, p: Pipeline, io: IO, last: boolean): Promise<number> {
  if (!last) sh.cond++;
  let status: number;
  try {
    status = await execPipeline(sh, p, io);
  } finally {
    if (!last) sh.cond--;
  }
  sh.state.status = status;
  if (last && status !== 0 && !p.bang && sh.cond === 0 && sh.state.options.errexit) throw new Unwind('exit', status);
  return status;
}

function execPipeline(sh: Shell, p: Pipeline, io: IO): Promise<number> {
  // One command without `!` (most lines): its status as it is, without another async frame.
  if (!p.bang && p.commands.length === 1) return execCommand(sh, p.commands[0]!, io);
  return execNegatedOrStages(sh, p, io);
}

async function execNegatedOrStages(sh: Shell, p: Pipeline, io: IO): Promise<number> {
  if (p.bang) sh.cond++;
  try {
    const status = p.commands.length === 1 ? await execCommand(sh, p.commands[0]!, io) : await execStages(sh, p, io);
    return p.bang ? (status === 0 ? 1 : 0) : status;
  } finally {
    if (p.bang) sh.cond--;
  }
}

/**
 * `a | b | c`: each stage runs in a subshell (zsh runs the last in the shell itself) with the whole
 * output of the previous one as its input; only the last writes to the terminal as it goes. A stage
 * that fills its pipe is stopped as SIGPIPE would stop it (status 141), so `while :; do echo; done | head`
 * ends.
 */
async function execStages(sh: Shell, p: Pipeline, io: IO): Promise<number> {
  let input: string | null = null;
  const statuses: number[] = [];
  for (let i = 0; i < p.commands.length; i++) {
    const last = i === p.commands.length - 1;
    const child = last ? null : new ChildSignal(sh.signal);
    const pipe = child ? new Collector(PIPE_LIMIT, () => child.abort()) : null;
    const stageIo = withFds(io, [
      [0, i === 0 ? (io.fds[0] ?? null) : { text: input ?? '', pos: 0 }],
      [1, pipe ? pipe.sink : (io.fds[1] ?? null)],
    ]);
    const cmd = p.commands[i]!;
    let status: number;
    if (last && sh.shell === 'zsh') status = await execCommand(sh, cmd, stageIo);
    else {
      try {
        status = await sh.inSubshell(stageIo, (sub) => execCommand(sub, cmd, stageIo), child?.signal);
      } catch (e) {
        if (!(e instanceof Unwind && e.kind === 'abort' && child?.broken && !sh.signal.aborted)) throw e;
        status = 141;
      } finally {
        child?.release();
      }
    }
    statuses.push(status);
    if (pipe?.overflow) err(io, `sim: a pipe carried more than ${PIPE_LIMIT >> 20} MiB; the writer was stopped there\n`);
    input = pipe?.text ?? null;
    const turn = sh.tick();
    if (turn) await turn;
  }
  if (sh.state.options.pipefail) return [...statuses].reverse().find((s) => s !== 0) ?? 0;
  return statuses[statuses.length - 1]!;
}

export function execCommand(sh: Shell, cmd: Command, io: IO): Promise<number> {
  return cmd.type === 'simple' ? execSimple(sh, cmd, io) : execOther(sh, cmd, io);
}

async function execOther(sh: Shell, cmd: Exclude<Command, { type: 'simple' }>, io: IO): Promise<number> {
  sh.line = cmd.line;
  if (cmd.type === 'function') {
    sh.state.functions.set(cmd.name, cmd);
    return 0;
  }
  if (cmd.redirects.length === 0) return execCompound(sh, cmd, io);
  const r = await applyRedirects(sh, cmd.redirects, io);
  if (typeof r === 'number') return r;
  try {
    return await execCompound(sh, cmd, r.io);
  } finally {
    r.close();
  }
}

async function condition(sh: Shell, script: Script, io: IO): Promise<number> {
  sh.cond++;
  try {
    return await execScript(sh, script, io);
  } finally {
    sh.cond--;
  }
}

/** Runs a loop body; returns 'break' or 'continue' when a break/continue for this loop arrives. */
async function loopBody(sh: Shell, body: Script, io: IO): Promise<number | 'break' | 'continue'> {
  try {
    return await execScript(sh, body, io);
  } catch (e) {
    if (!(e instanceof LoopJump)) throw e;
    if (--e.levels > 0) throw e;
    return e.kind;
  }
}

async function execCompound(sh: Shell, cmd: CompoundCommand, io: IO): Promise<number> {
  switch (cmd.type) {
    case 'group':
      return execScript(sh, cmd.body, io);
    case 'subshell':
      return sh.inSubshell(io, (sub) => execScript(sub, cmd.body, io));
    case 'if': {
      for (const clause of cmd.clauses) {
        if ((await condition(sh, clause.cond, io)) === 0) return execScript(sh, clause.body, io);
      }
      return cmd.elseBody ? execScript(sh, cmd.elseBody, io) : 0;
    }
    case 'while': {
      let status = 0;
      sh.loops++;
      try {
        for (;;) {
          const turn = sh.tick();
          if (turn) await turn;
          const c = await condition(sh, cmd.cond, io);
          if ((c === 0) === cmd.until) break;
          const r = await loopBody(sh, cmd.body, io);
          if (r === 'break') break;
          if (typeof r === 'number') status = r;
        }
      } finally {
        sh.loops--;
      }
      return status;
    }
    case 'for': {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(cmd.name)) {
        const [text, status] = badNameText(sh.shell, 'for', cmd.name);
        sh.diag(io, sh.shell === 'bash' ? text.replace(/^for: /, '') : text);
        return status;
      }
      const items = cmd.items ? await sh.engine.expandWords(sh, cmd.items, io) : [...sh.state.positional];
      let status = 0;
      sh.loops++;
      try {
        for (const value of items) {
          const turn = sh.tick();
          if (turn) await turn;
          assignVar(sh, io, cmd.name, value);
          const r = await loopBody(sh, cmd.body, io);
          if (r === 'break') break;
          if (typeof r === 'number') status = r;
        }
      } finally {
        sh.loops--;
      }
      return status;
    }
    case 'arithfor': {
      const arith = async (w: typeof cmd.init) => {
        const text = await sh.engine.expandWord(sh, w, io);
        return text.trim() === '' ? 1n : sh.engine.arithValue(sh, text, io);
      };
      let status = 0;
      sh.loops++;
      try {
        await arith(cmd.init);
        for (;;) {
          const turn = sh.tick();
          if (turn) await turn;
          if ((await arith(cmd.cond)) === 0n) break;
          const r = await loopBody(sh, cmd.body, io);
          if (r === 'break') break;
          if (typeof r === 'number') status = r;
          await arith(cmd.step);
        }
      } finally {
        sh.loops--;
      }
      return status;
    }
    case 'case':
      return execCase(sh, cmd, io);
    case 'arithcmd': {
      const v = sh.engine.arithValue(sh, await sh.engine.expandWord(sh, cmd.expr, io), io);
      return v !== 0n ? 0 : 1;
    }
    case 'testcmd':
      return evalCond(sh, cmd.expr, io);
  }
}

async function execCase(sh: Shell, cmd: CaseCommand, io: IO): Promise<number> {
  const word = await sh.engine.expandWord(sh, cmd.word, io);
  let status = 0;
  let falling = false;
  for (const item of cmd.items) {
    let hit = falling;
    if (!hit) {
      for (const p of item.patterns) {
        if (matchPattern(await sh.engine.expandPattern(sh, p, io), word)) {
          hit = true;
          break;
        }
      }
    }
    if (!hit) continue;
    status = await execScript(sh, item.body, io);
    if (item.terminator === ';;') return status;
    falling = item.terminator === ';&';
  }
  return status;
}

/** `cmd &`: runs on its own (not stopped by Ctrl-C of the foreground) and is remembered as a job. */
function startJob(sh: Shell, item: ListItem, io: IO): number {
  const jobs = sh.state.jobs;
  let id = 1;
  while (jobs.has(id)) id++;
  const pid = sh.host.newPid();
  const controller = new Cancel();
  // A background job reads nothing from the terminal (sh gives it /dev/null).
  const jobIo = withFds(io, [[0, io.fds[0] === null || io.fds[0] === undefined ? { text: '', pos: 0 } : io.fds[0]]]);
  const job = { id, pid, text: item.text, controller, status: null as number | null, done: Promise.resolve(0) };
  const run = (host: ShellHost) => sh.forJob(controller.signal, host).inSubshell(jobIo, (sub) => execAndOr(sub, item.andor, jobIo));
  job.done = (sh.host.spawn ? sh.host.spawn(run) : run(sh.host))
    .catch((e: unknown) => (e instanceof Unwind ? e.status : 1))
    .then((status) => {
      job.status = status;
      return status;
    });
  jobs.set(id, job);
  sh.state.lastBackground = pid;
  if (sh.interactive && !sh.isSubshell) err(io, `[${id}] ${pid}\n`);
  return 0;
}

