import type { Redirect } from '../syntax/ast';
import { resolvePath } from './glob';
import { Collector, err, type Fd, type IO } from './io';
import { ambiguousText, badFdText, redirectText, type FileProblem } from './messages';
import type { Shell } from './shell';
import { MAX_VALUE } from './state';

/**
 * Redirections. Output to a file is collected and written when the command ends (the file is
 * created or truncated when it is opened, as sh does); input is the file's text. `/dev/null`,
 * `/dev/stdout` and `/dev/stderr` are the descriptors themselves.
 */

export interface Opened {
  io: IO;
  /** Writes collected output to its files; call once the command has finished. */
  close(): void;
}

const DEFAULT_FD: Record<string, number> = { '<': 0, '<>': 0, '<<': 0, '<<-': 0, '<<<': 0, '<&': 0 };

async function target(sh: Shell, r: Redirect, io: IO): Promise<string | null> {
  if (sh.shell === 'dash' || sh.shell === 'busybox') return sh.engine.expandWord(sh, r.target, io);
  const fields = await sh.engine.expandWords(sh, [r.target], io);
  if (fields.length !== 1) {
    sh.diag(io, ambiguousText(r.target.text));
    return null;
  }
  return fields[0]!;
}

/** Opens the redirections in order; on failure prints the shell's message and returns the status. */
export async function applyRedirects(sh: Shell, redirects: Redirect[], io: IO): Promise<Opened | number> {
  const fds: Fd[] = io.fds.slice();
  const pending: { name: string; path: string; buf: Collector }[] = [];
  const fail = (path: string, problem: FileProblem, reading: boolean, to: IO = { fds }): number => {
    const [text, status] = redirectText(sh.shell, path, problem, reading);
    if (problem === 'toolarge') err(to, `${text}\n`);
    else sh.diag(to, text);
    return status;
  };
  for (const r of redirects) {
    const fd = r.fd ?? DEFAULT_FD[r.op] ?? 1;
    if (fd > 9) {
      sh.diag(io, badFdText(sh.shell, String(fd)));
      return 1;
    }
    if (r.op === '<<' || r.op === '<<-') {
      const body = r.heredoc!.quoted ? r.heredoc!.body.text : await sh.engine.expandWord(sh, r.heredoc!.body, io);
      fds[fd] = { text: body, pos: 0 };
      continue;
    }
    if (r.op === '<<<') {
      fds[fd] = { text: (await sh.engine.expandWord(sh, r.target, io)) + '\n', pos: 0 };
      continue;
    }
    const name = await target(sh, r, io);
    if (name === null) return 1;
    if (r.op === '>&' || r.op === '<&') {
      if (name === '-') {
        fds[fd] = null;
        continue;
      }
      if (/^[0-9]$/.test(name)) {
        const src = fds[Number(name)];
        if (src === undefined || src === null) {
          sh.diag(io, badFdText(sh.shell, name));
          return 1;
        }
        fds[fd] = src;
        continue;
      }
      if (r.op === '<&' || r.fd !== null || sh.shell === 'dash') {
        sh.diag(io, sh.shell === 'dash' ? `Syntax error: Bad fd number` : ambiguousText(name));
        return sh.shell === 'dash' ? 2 : 1;
      }
    }
    if (name === '/dev/stdout' || name === '/dev/stderr' || name === '/dev/stdin') {
      const src = fds[name === '/dev/stdout' ? 1 : name === '/dev/stderr' ? 2 : 0] ?? null;
      fds[fd] = src;
      if (r.op === '&>' || r.op === '&>>' || r.op === '>&') fds[2] = src;
      continue;
    }
    const path = resolvePath(name, sh.state.cwd);
    if (r.op === '<' || r.op === '<>') {
      if (sh.host.isDirectory(path) && r.op === '<') {
        fds[fd] = { text: '', pos: 0 };
        continue;
      }
      let text = sh.host.readFile(path);
      if (text === null && r.op === '<>') {
        const problem = sh.host.writeFile(path, '', true);
        if (problem) return fail(name, problem, false);
        text = '';
      }
      if (text === null) return fail(name, 'missing', true);
      fds[fd] = { text, pos: 0 };
      continue;
    }
    const append = r.op === '>>' || r.op === '&>>';
    if (name === '/dev/null') {
      fds[fd] = () => {};
      if (r.op === '&>' || r.op === '&>>' || r.op === '>&') fds[2] = fds[fd]!;
      continue;
    }
    if (sh.host.isDirectory(path)) return fail(name, 'isdir', false);
    if (r.op === '>' && sh.state.options.noclobber && sh.host.readFile(path) !== null) return fail(name, 'exists', false);
    const problem = sh.host.writeFile(path, '', append);
    if (problem) return fail(name, problem, false);
    const buf = new Collector(MAX_VALUE);
    pending.push({ name, path, buf });
    fds[fd] = buf.sink;
    if (r.op === '&>' || r.op === '&>>' || r.op === '>&') fds[2] = buf.sink;
  }
  return {
    io: { fds },
    close: () => {
      for (const { name, path, buf } of pending) {
        const problem = buf.overflow ? 'toolarge' : sh.host.writeFile(path, buf.text, true);
        if (problem) fail(name, problem, false, io);
      }
    },
  };
}
