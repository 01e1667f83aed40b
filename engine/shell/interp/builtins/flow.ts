import { resolvePath } from '../glob';
import { FunctionReturn, LoopJump, Unwind, type IO } from '../io';
import { evalNestText, illegalNumberText, sourceNestText } from '../messages';
import type { Shell } from '../shell';
import type { Builtin } from './types';

/** Builtins that steer the shell: exit, return, break, continue, shift, eval, `.`/source, exec. */

/** A status argument: a decimal number, else the shell's error (fatal, as in every shell). */
function number(sh: Shell, io: IO, name: string, arg: string): number {
  if (/^[-+]?[0-9]+$/.test(arg.trim())) return Number(arg.trim());
  const [text, status] = illegalNumberText(sh.shell, name, arg);
  sh.fatal(io, text, status);
}

const exit: Builtin = async (sh, argv, io) => {
  if (argv.length > 2 && (sh.shell === 'bash' || sh.shell === 'zsh')) {
    sh.diag(io, 'exit: too many arguments');
    return 1;
  }
  if (argv[1] !== undefined && !/^[-+]?[0-9]+$/.test(argv[1].trim())) {
    const [text, status] = illegalNumberText(sh.shell, 'exit', argv[1]);
    sh.diag(io, text);
    throw new Unwind('exit', status);
  }
  throw new Unwind('exit', argv[1] === undefined ? sh.state.status : number(sh, io, 'exit', argv[1]) & 255);
};

const returnBuiltin: Builtin = async (sh, argv, io) => {
  // dash hands back the number as given; the others keep its low 8 bits.
  const given = argv[1] === undefined ? sh.state.status : number(sh, io, 'return', argv[1]);
  const status = sh.shell === 'dash' ? given : given & 255;
  if (sh.funcNest > 0 || sh.sourceNest > 0) throw new FunctionReturn(status);
  if (sh.shell === 'bash') {
    sh.diag(io, "return: can only `return' from a function or sourced script");
    return 2;
  }
  // dash, ash and zsh end the script here, as `exit` would.
  throw new Unwind('exit', status);
};

function loopJump(kind: 'break' | 'continue'): Builtin {
  return async (sh, argv, io) => {
    let n = 1;
    if (argv[1] !== undefined) {
      n = number(sh, io, kind, argv[1]);
      if (n < 1) {
        if (sh.shell === 'bash') {
          sh.diag(io, `${kind}: ${argv[1]}: loop count out of range`);
          return 1;
        }
        const [text, status] = illegalNumberText(sh.shell, kind, argv[1]);
        sh.fatal(io, text, status);
      }
    }
    if (sh.loops === 0) {
      if (sh.shell === 'bash') sh.diag(io, `${kind}: only meaningful in a \`for', \`while', or \`until' loop`);
      if (sh.shell === 'zsh') {
        sh.diag(io, `${kind}: not in while, until, select, or repeat loop`);
        return 1;
      }
      return 0;
    }
    throw new LoopJump(kind, Math.min(n, sh.loops));
  };
}

const shift: Builtin = async (sh, argv, io) => {
  const n = argv[1] === undefined ? 1 : number(sh, io, 'shift', argv[1]);
  const p = sh.state.positional;
  if (n < 0 || n > p.length) {
    if (sh.shell === 'dash') sh.fatal(io, "shift: can't shift that many", 2);
    if (sh.shell === 'zsh') sh.diag(io, 'shift: shift count must be <= $#');
    return 1;
  }
  sh.state.positional = p.slice(n);
  return 0;
};

const evalBuiltin: Builtin = async (sh, argv, io) => {
  const text = argv.slice(1).join(' ');
  if (text.trim() === '') return 0;
  if (sh.evalNest >= sh.limits.nest) sh.limit(io, evalNestText(sh.limits.nest), 1);
  sh.evalNest++;
  try {
    return await sh.runText(text, io, 'eval');
  } finally {
    sh.evalNest--;
  }
};

/** `. file [args]`: runs a file's commands in this shell (positional parameters set while it runs). */
const dot: Builtin = async (sh, argv, io) => {
  const name = argv[0]!;
  const file = argv[1];
  if (file === undefined) {
    if (sh.shell === 'bash') {
      sh.diag(io, `${name}: filename argument required\n${name}: usage: ${name} filename [arguments]`);
      return 2;
    }
    return 0;
  }
  const text = sh.host.readFile(resolvePath(file, sh.state.cwd));
  if (text === null) {
    switch (sh.shell) {
      case 'bash':
        sh.diag(io, `${file}: No such file or directory`);
        return 1;
      case 'dash':
        return sh.fatal(io, `${name}: cannot open ${file}: No such file`, 2);
      case 'busybox':
        return sh.fatal(io, `${name}: can't open '${file}': No such file or directory`, 2);
      case 'zsh':
        sh.diag(io, `${name}: no such file or directory: ${file}`);
        return 127;
    }
  }
  if (sh.sourceNest >= sh.limits.nest) sh.limit(io, sourceNestText(file, sh.limits.nest), 1);
  const saved = sh.state.positional;
  if (argv.length > 2) sh.state.positional = argv.slice(2);
  sh.sourceNest++;
  try {
    return await sh.runText(text, io, file, true);
  } catch (e) {
    if (e instanceof FunctionReturn) return e.status;
    throw e;
  } finally {
    sh.sourceNest--;
    if (argv.length > 2) sh.state.positional = saved;
  }
};

/** `exec cmd`: the shell becomes the command, so the shell ends with its status. */
const exec: Builtin = async (sh, argv, io) => {
  if (argv.length < 2) return 0;
  const status = await sh.engine.dispatch(sh, argv.slice(1), [], io, false);
  throw new Unwind('exit', status);
};

export const FLOW: [string, Builtin][] = [
  [':', async () => 0],
  ['true', async () => 0],
  ['false', async () => 1],
  ['exit', exit],
  // The lab's terminals are login shells (ssh, a container's terminal): logout leaves them as exit does.
  ['logout', exit],
  ['return', returnBuiltin],
  ['break', loopJump('break')],
  ['continue', loopJump('continue')],
  ['shift', shift],
  ['eval', evalBuiltin],
  ['.', dot],
  ['source', dot],
  ['exec', exec],
];
