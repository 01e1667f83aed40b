import { describe, expect, it } from 'vitest';
import { execTerminalLine, type TerminalContext, type TerminalOptions } from './terminal';
import { machine } from './testkit';

/** The terminal layer: what a session sees line after line. */

function terminal(shell: TerminalContext['shell'] = 'bash', continuation = true) {
  const m = machine(shell);
  const ctx: TerminalContext = { shell, vars: {} };
  let lastExit = 0;
  const o = (): TerminalOptions => ({ host: m.host, lastExit, home: '/root', pid: 7, env: { HOME: '/root', PATH: '/usr/bin:/bin' }, continuation });
  const type = async (line: string, signal?: AbortSignal) => {
    let out = '';
    const r = await execTerminalLine(ctx, line, { out: (t) => (out += t), err: (t) => (out += t), signal }, o());
    if (r.kind !== 'incomplete') lastExit = r.status;
    return { out, r };
  };
  return { ctx, type, m };
}

describe('a terminal session', () => {
  it('keeps variables, functions, options and the directory from line to line', async () => {
    const t = terminal();
    await t.type('x=5; greet() { echo "hi $1"; }; set -u; cd /tmp');
    expect((await t.type('echo $x; greet you; pwd')).out).toBe('5\nhi you\n/tmp\n');
    expect((await t.type('echo $nope')).out).toBe('bash: nope: unbound variable\n');
  });
  it('keeps the context saveable: variables and cwd are written back as plain data', async () => {
    const t = terminal();
    await t.type('x=5; export Y=2; cd /tmp');
    expect(t.ctx.vars).toEqual({ x: '5', Y: '2', OLDPWD: '/root' });
    expect(t.ctx.exported).toEqual(['Y']);
    expect(t.ctx.cwd).toBe('/tmp');
  });
  it('a context restored from a save gets its variables back (functions are not saved)', async () => {
    const t = terminal();
    await t.type('x=5; export Y=3; f() { :; }');
    const restored: TerminalContext = JSON.parse(JSON.stringify(t.ctx)) as TerminalContext;
    let out = '';
    await execTerminalLine(restored, 'echo $x; env | grep Y=; type f', { out: (s) => (out += s), err: (s) => (out += s) }, { host: t.m.host, lastExit: 0, home: '/root', pid: 7, env: {}, continuation: true });
    expect(out).toBe('5\nY=3\nbash: type: f: not found\n');
  });
  it('$? carries over from the previous line', async () => {
    const t = terminal();
    await t.type('false');
    expect((await t.type('echo $?')).out).toBe('1\n');
  });
  it('asks for more lines, then runs them together', async () => {
    const t = terminal();
    expect((await t.type('for i in 1 2; do')).r).toEqual({ kind: 'incomplete' });
    expect((await t.type('for i in 1 2; do\necho $i\ndone')).out).toBe('1\n2\n');
  });
  it('without continuation prompts, unfinished input is the shell\'s end-of-file error', async () => {
    const t = terminal('bash', false);
    expect(await t.type('if true; then')).toEqual({ out: 'bash: syntax error: unexpected end of file\n', r: { kind: 'done', status: 2 } });
    const d = terminal('dash', false);
    expect((await d.type('echo "abc')).out).toBe('sh: 1: Syntax error: Unterminated quoted string\n');
  });
  it('a syntax error runs nothing on the line', async () => {
    const t = terminal();
    expect(await t.type('echo a; fi')).toEqual({ out: "bash: syntax error near unexpected token `fi'\n", r: { kind: 'done', status: 2 } });
  });
  it('exit and set -e end the shell', async () => {
    expect((await terminal().type('exit 3')).r).toEqual({ kind: 'exit', status: 3 });
    expect((await terminal().type('set -e; false; echo no')).r).toEqual({ kind: 'exit', status: 1 });
  });
  it('announces background jobs and lists them', async () => {
    const t = terminal();
    expect((await t.type('sleep 5 &')).out).toMatch(/^\[1\] \d+\n$/);
    expect((await t.type('wait; jobs; echo $?')).out).toBe('0\n');
  });
  it('Ctrl-C ends a loop and the next line works', async () => {
    const t = terminal();
    const c = new AbortController();
    setTimeout(() => c.abort(), 20);
    expect((await t.type('i=0; while :; do i=$((i+1)); done', c.signal)).r).toEqual({ kind: 'done', status: 130 });
    expect(Number(t.ctx.vars['i'])).toBeGreaterThan(0);
    expect((await t.type('echo $?')).out).toBe('130\n');
  });
});
