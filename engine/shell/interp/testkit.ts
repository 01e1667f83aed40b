import type { ShellKind } from '../syntax/ast';
import type { ExecRequest, ShellHost } from './host';
import { runInteractive, runScript, stateFromEnv, type LineResult } from './run';
import { newState, type ShellState } from './state';
import type { Limits } from './shell';
import { NEVER, type Signal } from '../../util/signal';

/**
 * A small machine for the interpreter's tests and measurements: files in a Map, a handful of
 * programs (echo, cat, printf, sleep, wc, head, grep, sh …) written the way the lab's own are.
 * It is a fixture, not the lab: the engine's host comes in phase B (see README.md).
 */

export interface Machine {
  files: Map<string, string>;
  dirs: Set<string>;
  /** Program names and paths for `type` / `command -v`. */
  programs: Map<string, (req: ExecRequest, m: Machine) => Promise<number>>;
  shell: ShellKind;
  nextPid: number;
  yields: number;
  host: ShellHost;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function opts(args: string[]): { flags: Set<string>; rest: string[] } {
  const flags = new Set<string>();
  const rest: string[] = [];
  for (const a of args) {
    if (/^-[a-zA-Z]+$/.test(a) && rest.length === 0) for (const c of a.slice(1)) flags.add(c);
    else rest.push(a);
  }
  return { flags, rest };
}

const PROGRAMS: [string, (req: ExecRequest, m: Machine) => Promise<number>][] = [
  ['echo', async (req) => {
    const { flags, rest } = opts(req.argv.slice(1));
    let text = rest.join(' ');
    if (flags.has('e')) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    req.out(text + (flags.has('n') ? '' : '\n'));
    return 0;
  }],
  ['printf', async (req) => {
    const [format = '', ...args] = req.argv.slice(1);
    let i = 0;
    let text = '';
    do {
      text += format.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/%([sd%])/g, (_, c: string) => (c === '%' ? '%' : c === 'd' ? String(parseInt(args[i++] ?? '0', 10) || 0) : (args[i++] ?? '')));
    } while (i < args.length);
    req.out(text);
    return 0;
  }],
  ['cat', async (req, m) => {
    const files = req.argv.slice(1);
    if (files.length === 0) req.out(req.stdin ?? '');
    for (const f of files) {
      const text = m.files.get(f.startsWith('/') ? f : `${req.cwd === '/' ? '' : req.cwd}/${f}`);
      if (text === undefined) {
        req.err(`cat: ${f}: No such file or directory\n`);
        return 1;
      }
      req.out(text);
    }
    return 0;
  }],
  ['wc', async (req) => {
    const text = req.stdin ?? '';
    req.out(`${text.split('\n').length - 1}\n`);
    return 0;
  }],
  ['head', async (req) => {
    const n = Number(req.argv[2] ?? 10);
    const lines = (req.stdin ?? '').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    req.out(lines.slice(0, n).map((l) => `${l}\n`).join(''));
    return 0;
  }],
  ['grep', async (req) => {
    const lines = (req.stdin ?? '').split('\n').filter((l, i, all) => l.includes(req.argv[1] ?? '') && !(i === all.length - 1 && l === ''));
    req.out(lines.map((l) => `${l}\n`).join(''));
    return lines.length > 0 ? 0 : 1;
  }],
  ['tr', async (req) => {
    req.out((req.stdin ?? '').toUpperCase());
    return 0;
  }],
  ['env', async (req) => {
    req.out([...req.env].map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }],
  ['sleep', async (req) => {
    // Lab time passes at once, but the page gets a turn so Ctrl-C can land.
    await macrotask();
    return req.signal.aborted ? 130 : 0;
  }],
  ['date', async (req) => {
    req.out('Thu Jan  1 00:00:00 UTC 2026\n');
    return 0;
  }],
  ['sh', async (req, m) => {
    const args = req.argv.slice(1);
    const state = stateFromEnv({ shell: m.shell, env: req.env, cwd: req.cwd, pid: m.nextPid++ });
    const common = { host: m.host, state, signal: req.signal, out: req.out, err: req.err, depth: req.depth + 1 };
    if (args[0] === '-c') {
      state.arg0 = args[2] ?? state.arg0;
      state.positional = args.slice(3);
      return runScript(args[1] ?? '', { ...common, stdin: req.stdin, source: '-c' });
    }
    if (args[0] !== undefined) {
      const text = m.files.get(args[0].startsWith('/') ? args[0] : `${req.cwd}/${args[0]}`);
      if (text === undefined) {
        req.err(`sh: 0: cannot open ${args[0]}: No such file\n`);
        return 2;
      }
      state.arg0 = args[0];
      state.positional = args.slice(1);
      return runScript(text, { ...common, stdin: req.stdin, source: args[0] });
    }
    return runScript(req.stdin ?? '', { ...common, stdin: null, source: 'stdin' });
  }],
];

export function machine(shell: ShellKind = 'bash', files: Record<string, string> = {}): Machine {
  const m: Machine = {
    files: new Map(Object.entries(files)),
    dirs: new Set(['/', '/root', '/tmp', '/tmp/difft', '/etc', '/usr', '/usr/bin', '/proc']),
    programs: new Map(PROGRAMS),
    shell,
    nextPid: 100,
    yields: 0,
    host: null as unknown as ShellHost,
  };
  m.host = {
    exec: async (req) => {
      const p = m.programs.get(req.argv[0]!.split('/').pop()!);
      return p ? p(req, m) : null;
    },
    which: (name) => (m.programs.has(name) ? `/usr/bin/${name}` : null),
    readFile: (path) => (path === '/dev/null' ? '' : (m.files.get(path) ?? null)),
    writeFile: (path, text, append) => {
      if (path.startsWith('/proc/')) return 'readonly';
      if (m.dirs.has(path)) return 'isdir';
      const dir = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!m.dirs.has(dir)) return 'nodir';
      const next = (append ? (m.files.get(path) ?? '') : '') + text;
      if (next.length > 1 << 20) return 'toolarge';
      m.files.set(path, next);
      return null;
    },
    isDirectory: (path) => m.dirs.has(path),
    listDir: (path) => {
      if (!m.dirs.has(path)) return null;
      const prefix = path === '/' ? '/' : `${path}/`;
      const names = new Set<string>();
      for (const p of [...m.files.keys(), ...m.dirs]) if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split('/')[0]!);
      return [...names];
    },
    newPid: () => m.nextPid++,
    yield: async () => {
      m.yields++;
      await macrotask();
    },
  };
  return m;
}

export interface Run {
  out: string;
  err: string;
  status: number;
  /** Output and errors in the order they were written. */
  all: string;
  result?: LineResult;
  state: ShellState;
}

export interface RunOpts {
  shell?: ShellKind;
  files?: Record<string, string>;
  /** Run as a terminal line (default: as `sh -c`). */
  interactive?: boolean;
  stdin?: string | null;
  signal?: Signal;
  machine?: Machine;
  state?: ShellState;
  limits?: Partial<Limits>;
}

/** Runs a script (or a terminal line) on a fresh machine and collects what it printed. */
export async function sh(text: string, o: RunOpts = {}): Promise<Run> {
  const shell = o.shell ?? 'bash';
  const m = o.machine ?? machine(shell, o.files);
  const state = o.state ?? newState({ shell, cwd: '/root', pid: 42, vars: [['HOME', '/root'], ['PATH', '/usr/bin:/bin']], exported: ['HOME', 'PATH'] });
  const r: Run = { out: '', err: '', status: 0, all: '', state };
  const common = {
    host: m.host,
    state,
    signal: o.signal ?? NEVER,
    out: (t: string) => ((r.out += t), (r.all += t)),
    err: (t: string) => ((r.err += t), (r.all += t)),
    stdin: o.stdin ?? null,
    limits: o.limits,
  };
  if (o.interactive) {
    r.result = await runInteractive(text, common);
    r.status = r.result.kind === 'incomplete' ? -1 : r.result.status;
  } else r.status = await runScript(text, { ...common, source: '-c' });
  return r;
}
