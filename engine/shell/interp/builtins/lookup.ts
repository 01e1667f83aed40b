import { resolvePath } from '../glob';
import { out, Unwind } from '../io';
import { cdText, notFoundText } from '../messages';
import { execRequest } from '../request';
import type { Shell } from '../shell';
import type { Job } from '../state';
import type { Builtin } from './types';

/** Builtins that find things or move around: command, type, cd, pwd, and the job builtins. */

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in']);
/** Builtins of the real shells that the host implements as programs (so `type echo` says builtin). */
export const HOST_BUILTINS = new Set(['echo', 'printf', 'kill', 'umask', 'ulimit', 'times', 'trap', 'alias', 'unalias', 'getopts', 'hash', 'history', 'help', 'logout', 'fc', 'bg', 'fg', 'disown', 'suspend', 'enable', 'shopt', 'caller', 'dirs', 'pushd', 'popd', 'mapfile', 'readarray', 'bind', 'complete', 'compgen']);

type Kind = { kind: 'keyword' | 'function' | 'builtin' | 'special' } | { kind: 'file'; path: string } | null;

function classify(sh: Shell, name: string, isBuiltin: IsBuiltin, isSpecial: (n: string) => boolean): Kind {
  if (KEYWORDS.has(name) || (sh.shell !== 'dash' && (name === '[[' || name === ']]' || name === 'function'))) return { kind: 'keyword' };
  if (sh.state.functions.has(name)) return { kind: 'function' };
  if (isSpecial(name)) return { kind: 'special' };
  if (isBuiltin(name, sh.shell) || HOST_BUILTINS.has(name)) return { kind: 'builtin' };
  const path = name.includes('/') ? (sh.host.readFile(resolvePath(name, sh.state.cwd)) !== null ? name : null) : sh.host.which(name);
  return path ? { kind: 'file', path } : null;
}

/** Whether a name is one of this interpreter's builtins in a given shell (passed in: the table is built from this file). */
type IsBuiltin = (name: string, shell: Shell['shell']) => boolean;

export function lookupBuiltins(isBuiltin: IsBuiltin, isSpecial: (n: string) => boolean): [string, Builtin][] {
  const command: Builtin = async (sh, argv, io) => {
    let i = 1;
    let mode: 'run' | 'v' | 'V' = 'run';
    for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
      if (argv[i] === '--') {
        i++;
        break;
      }
      if (argv[i]!.includes('v')) mode = 'v';
      if (argv[i]!.includes('V')) mode = 'V';
    }
    const rest = argv.slice(i);
    if (rest.length === 0) return 0;
    if (mode === 'run') return sh.engine.dispatch(sh, rest, [], io, false);
    if (mode === 'V') return type(sh, ['type', ...rest], io);
    let status = 0;
    for (const name of sh.shell === 'dash' ? rest.slice(0, 1) : rest) {
      const k = classify(sh, name, isBuiltin, isSpecial);
      if (!k) status = sh.shell === 'bash' || sh.shell === 'zsh' ? 1 : 127;
      else out(io, `${k.kind === 'file' ? k.path : name}\n`);
    }
    return status;
  };

  const type: Builtin = async (sh, argv, io) => {
    let status = 0;
    for (const name of argv.slice(1).filter((a) => !/^-[afptP]+$/.test(a))) {
      const k = classify(sh, name, isBuiltin, isSpecial);
      if (!k) {
        if (sh.shell === 'bash') sh.diag(io, `type: ${name}: not found`);
        else out(io, sh.shell === 'zsh' ? `${name} not found\n` : `${name}: not found\n`);
        status = sh.shell === 'bash' || sh.shell === 'zsh' ? 1 : 127;
        continue;
      }
      switch (k.kind) {
        case 'keyword':
          out(io, `${name} is a ${sh.shell === 'zsh' ? 'reserved word' : 'shell keyword'}\n`);
          break;
        case 'function':
          if (sh.shell === 'bash') out(io, `${name} is a function\n${sh.state.functions.get(name)!.text}\n`);
          else out(io, `${name} is a ${sh.shell === 'dash' ? 'shell function' : sh.shell === 'zsh' ? 'shell function' : 'function'}\n`);
          break;
        case 'special':
          out(io, `${name} is a ${sh.shell === 'dash' || sh.shell === 'zsh' ? 'special ' : ''}shell builtin\n`);
          break;
        case 'builtin':
          out(io, `${name} is a shell builtin\n`);
          break;
        case 'file':
          out(io, `${name} is ${k.path}\n`);
      }
    }
    return status;
  };
  /** bash's `builtin name args`: the builtin even when a function has its name (`cd() { builtin cd "$@"; }`). */
  const builtin: Builtin = async (sh, argv, io) => {
    const name = argv[1];
    if (name === undefined) return 0;
    if (!isBuiltin(name, sh.shell) && !HOST_BUILTINS.has(name)) {
      sh.diag(io, `builtin: ${name}: not a shell builtin`);
      return 1;
    }
    return sh.engine.dispatch(sh, argv.slice(1), [], io, false);
  };
  return [
    ['command', command],
    ['type', type],
    ['builtin', builtin],
  ];
}

const cd: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  let dir = args[0];
  const vars = sh.state.vars;
  let print = false;
  if (dir === undefined || dir === '') dir = vars.get('HOME') ?? '/root';
  else if (dir === '-') {
    const back = vars.get('OLDPWD');
    if (back === undefined) {
      sh.diag(io, 'cd: OLDPWD not set');
      return sh.shell === 'bash' || sh.shell === 'zsh' ? 1 : 2;
    }
    dir = back;
    print = true;
  }
  const target = resolvePath(dir, sh.state.cwd);
  if (!sh.host.isDirectory(target)) {
    const [text, status] = cdText(sh.shell, dir);
    sh.diag(io, text);
    return status;
  }
  vars.set('OLDPWD', sh.state.cwd);
  vars.set('PWD', target);
  sh.state.cwd = target;
  if (print) out(io, `${target}\n`);
  return 0;
};

const pwd: Builtin = async (sh, _argv, io) => {
  out(io, `${sh.state.cwd}\n`);
  return 0;
};

/** Resolves `%n`, `%%`, `%+` or a pid to a job of this shell. */
function findJob(sh: Shell, spec: string): Job | undefined {
  const jobs = [...sh.state.jobs.values()];
  if (spec === '%%' || spec === '%+' || spec === '%') return jobs[jobs.length - 1];
  if (spec.startsWith('%')) return sh.state.jobs.get(Number(spec.slice(1)));
  return jobs.find((j) => String(j.pid) === spec);
}

/** Waits for a job, giving up (status 130) when Ctrl-C arrives; the host's clock runs meanwhile. */
async function waitFor(sh: Shell, job: Job): Promise<number> {
  if (sh.signal.aborted) return 130;
  if (sh.host.until) {
    const r = await sh.host.until(job.done, sh.signal);
    return r === 'aborted' ? 130 : r;
  }
  return new Promise((resolve) => {
    const onAbort = () => resolve(130);
    sh.signal.addEventListener('abort', onAbort, { once: true });
    void job.done.then((status) => {
      sh.signal.removeEventListener('abort', onAbort);
      resolve(status);
    });
  });
}

const wait: Builtin = async (sh, argv, io) => {
  const specs = argv.slice(1);
  let status = 0;
  const targets = specs.length === 0 ? [...sh.state.jobs.values()] : specs.map((s) => findJob(sh, s) ?? s);
  for (const t of targets) {
    if (typeof t === 'string') {
      if (sh.shell === 'bash') sh.diag(io, t.startsWith('%') ? `wait: ${t}: no such job` : `wait: pid ${t} is not a child of this shell`);
      status = 127;
      continue;
    }
    status = await waitFor(sh, t);
    if (sh.signal.aborted) throw new Unwind('abort', 130);
    sh.state.jobs.delete(t.id);
  }
  return specs.length === 0 ? 0 : status;
};

const jobs: Builtin = async (sh, _argv, io) => {
  const all = [...sh.state.jobs.values()];
  all.forEach((j, i) => {
    const mark = i === all.length - 1 ? '+' : i === all.length - 2 ? '-' : ' ';
    const state = j.status === null ? 'Running' : j.status === 0 ? 'Done' : `Exit ${j.status}`;
    out(io, `[${j.id}]${mark}  ${state.padEnd(24)}${j.text}${j.status === null ? ' &' : ''}\n`);
    if (j.status !== null) sh.state.jobs.delete(j.id);
  });
  return 0;
};

/** `kill %1` / `kill PID` of a job stops it; anything else goes to the host's kill. */
const kill: Builtin = async (sh, argv, io) => {
  const targets = argv.slice(1).filter((a) => !a.startsWith('-'));
  const jobsHit = targets.map((t) => findJob(sh, t));
  if (targets.length > 0 && jobsHit.every((j) => j !== undefined)) {
    for (const j of jobsHit) j!.controller.abort();
    return 0;
  }
  const status = await sh.host.exec(execRequest(sh, argv, sh.state.vars.exported(), io));
  if (status === null) sh.diag(io, notFoundText(sh.shell, 'kill'));
  return status ?? 127;
};

export const PLACES: [string, Builtin][] = [
  ['cd', cd],
  ['pwd', pwd],
  ['wait', wait],
  ['jobs', jobs],
  ['kill', kill],
];
