import { describe, expect, it } from 'vitest';
import { machine, sh } from './testkit';

/**
 * Issue 13: nothing typed can freeze the page. Loops yield to the event loop and stop on Ctrl-C;
 * recursion, nesting and sizes have limits with the shells' own errors (or one `sim:` line).
 */

/** Aborts from a timer: this can only fire if the interpreter gives the event loop a turn. */
function ctrlCAfter(ms: number): AbortSignal {
  const c = new AbortController();
  setTimeout(() => c.abort(), ms);
  return c.signal;
}

describe('Ctrl-C stops runaway commands, and the page keeps breathing meanwhile', () => {
  it('while true; do :; done', async () => {
    const m = machine();
    const r = await sh('while true; do :; done', { signal: ctrlCAfter(30), machine: m });
    expect(r.status).toBe(130);
    expect(m.yields).toBeGreaterThan(0);
  });
  it('an infinite loop printing to the terminal', async () => {
    const r = await sh('while :; do echo y; done', { signal: ctrlCAfter(30), interactive: true });
    expect(r.result).toEqual({ kind: 'done', status: 130 });
    expect(r.out.startsWith('y\ny\n')).toBe(true);
  });
  it('runaway recursion through subshells', async () => {
    const r = await sh('f() { (f); }; f', { signal: ctrlCAfter(30), limits: { functionNest: 1e9, nest: 1e9 } });
    expect(r.status).toBe(130);
  });
  it('a loop in a pipeline stage and one in the background', async () => {
    expect((await sh('while :; do :; done | cat', { signal: ctrlCAfter(30) })).status).toBe(130);
    const r = await sh('while :; do :; done & wait', { signal: ctrlCAfter(30) });
    expect(r.status).toBe(130);
  });
  it('Ctrl-C before anything ran stops at the first command', async () => {
    const c = new AbortController();
    c.abort();
    const r = await sh('echo no', { signal: c.signal });
    expect([r.out, r.status]).toEqual(['', 130]);
  });
  it('the next line runs normally after an interrupted one', async () => {
    const m = machine();
    const first = await sh('while :; do :; done', { signal: ctrlCAfter(20), machine: m, interactive: true });
    const second = await sh('echo fine', { machine: m, interactive: true, state: first.state });
    expect(second.out).toBe('fine\n');
  });
});

describe('recursion and nesting limits', () => {
  it('functions: each shell\'s own message', async () => {
    const bash = await sh('f() { f; }; f; echo after');
    expect([bash.err, bash.status]).toEqual(['bash: line 1: f: maximum function nesting level exceeded (1000)\n', 1]);
    expect((await sh('f() { f; }; f', { interactive: true })).err).toBe('bash: f: maximum function nesting level exceeded (1000)\n');
    expect((await sh('f() { f; }; f', { shell: 'dash' })).err).toBe('sh: 1: Maximum function recursion depth (1000) reached\n');
    expect((await sh('f() { f; }; f', { shell: 'zsh' })).err).toBe('f: maximum nested function level reached; increase FUNCNEST?\n');
    expect((await sh('f() { f; }; f', { shell: 'busybox' })).err).toBe('sim: f: functions nested more than 1000 deep; stopped (BusyBox sh itself would crash)\n');
  });
  it('a terminal line that recursed still leaves the shell usable', async () => {
    const m = machine();
    const first = await sh('f() { f; }; f; echo same-line', { machine: m, interactive: true });
    expect(first.out).toBe('');
    expect((await sh('f() { echo ok; }; f', { machine: m, interactive: true, state: first.state })).out).toBe('ok\n');
  });
  it('eval and source recursion use bash\'s own texts', async () => {
    expect((await sh('e=\'eval "$e"\'; eval "$e"')).err).toBe('bash: eval: maximum eval nesting level exceeded (400)\n');
    const files = { '/root/self.sh': '. ./self.sh\n' };
    expect((await sh('. ./self.sh', { files })).err).toBe('./self.sh: line 1: ./self.sh: maximum source nesting level exceeded (400)\n');
  });
  it('command substitution nested without end', async () => {
    const r = await sh('f() { echo $(f); }; f', { limits: { functionNest: 1e9 } });
    expect(r.err).toBe('sim: subshells and command substitutions nested more than 400 deep; stopped\n');
    expect(r.status).toBe(1);
  });
  it('`sh < x` where x runs `sh < x` stops instead of recursing forever', async () => {
    const r = await sh("echo 'sh < /root/x' > /root/x; sh < /root/x; echo status $?");
    expect(r.err).toBe('sim: more than 40 shells started inside each other (a script that runs itself?); stopped\n');
    expect(r.out).toBe('status 2\n');
  });
  it('the same from sh -c', async () => {
    const r = await sh('f=\'sh -c "$f"\'; export f; sh -c "$f"; echo back');
    expect(r.err).toContain('sim: more than 40 shells started inside each other');
    expect(r.out).toBe('back\n');
  });
});

describe('size limits', () => {
  it('a=$a$a doubling stops at 1 MiB with a clear error, never building 268M characters', async () => {
    const r = await sh('a=0123456789abcdef; i=0; while [ $i -lt 24 ]; do a=$a$a; i=$((i+1)); done; echo never');
    expect(r.err).toBe("sim: a word would be over the lab's limit of 1 MiB (1048576 characters)\n");
    expect([r.out, r.status]).toEqual(['', 1]);
    const len = await sh('a=0123456789abcdef; i=0; while [ $i -lt 24 ]; do a=$a$a || break; i=$((i+1)); done', { interactive: true });
    expect(len.state.vars.get('a')!.length).toBe(1 << 20);
  });
  it('a value built by other means hits the variable limit', async () => {
    const r = await sh('a=0123456789abcdef; i=0; while [ $i -lt 16 ]; do a=$a$a; i=$((i+1)); done; read b <<EOF\n$a$a\nEOF');
    expect(r.err).toBe("sim: a word would be over the lab's limit of 1 MiB (1048576 characters)\n");
  });
  it('command substitution output is limited', async () => {
    const r = await sh('x=$(while :; do echo 0123456789abcdef; done)');
    expect(r.err).toBe("sim: command substitution output is over the lab's limit of 1 MiB (1048576 characters)\n");
  });
  it('a pipe that fills stops its writer, as SIGPIPE would', async () => {
    const r = await sh('while :; do echo 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef; done | head -n 1');
    expect(r.out).toBe('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n');
    expect(r.err).toBe('sim: a pipe carried more than 8 MiB; the writer was stopped there\n');
  });
  it('pattern removal that would take minutes is refused', async () => {
    const r = await sh('x=b; i=0; while [ $i -lt 17 ]; do x=$x$x; i=$((i+1)); done; echo ${x%%*a}');
    expect(r.err).toBe('sim: this pattern needs too much work to match; simplify it\n');
  });
});
