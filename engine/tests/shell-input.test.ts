/**
 * What the terminal hands the shell: multi-line input with a continuation prompt (Session.run's
 * `continuation`/`incomplete`), and the limits on what one session keeps (issue 13: history line
 * length, the output of one run).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../index';

describe('continuation: input that needs more lines', () => {
  it('an open for, if, quote or here-document is incomplete: nothing runs, nothing is recorded', async () => {
    const s = createLab().openSession();
    await s.run('false');
    for (const text of ['for i in 1 2; do', 'if true; then', 'echo "abc', 'cat <<EOF', 'docker ps |', 'for i in 1 2; do\necho $i']) {
      const r = await s.run(text, { continuation: true });
      expect(r, JSON.stringify(text)).toEqual({ exitCode: 1, output: '', clear: false, incomplete: true });
    }
    expect(s.history()).toEqual(['false']);
    expect((await s.run('echo $?')).output).toBe('1\n');
  });

  it('the whole text runs once complete, and goes into the history as typed', async () => {
    const s = createLab().openSession();
    const r = await s.run('for i in 1 2; do\necho $i\ndone', { continuation: true });
    expect(r).toMatchObject({ exitCode: 0, output: '1\n2\n' });
    expect(r.incomplete).toBeUndefined();
    expect((await s.run('cat <<EOF\nhello $HOME\nEOF', { continuation: true })).output).toBe('hello /root\n');
    expect((await s.run('echo "a\nb"', { continuation: true })).output).toBe('a\nb\n');
    expect(s.history()).toEqual(['for i in 1 2; do\necho $i\ndone', 'cat <<EOF\nhello $HOME\nEOF', 'echo "a\nb"']);
  });

  it('without continuation, unfinished input is the shell\'s end-of-file error, as before', async () => {
    const s = createLab().openSession();
    expect(await s.run('if true; then')).toMatchObject({ exitCode: 2, output: 'bash: syntax error: unexpected end of file\n' });
    expect((await s.run('echo "abc')).output).toMatch(/^bash: unexpected EOF while looking for matching `"'\n/);
  });

  it('a syntax error is an error, not a continuation', async () => {
    const s = createLab().openSession();
    expect(await s.run('echo a; fi', { continuation: true })).toMatchObject({ exitCode: 2, output: "bash: syntax error near unexpected token `fi'\n" });
  });

  it('in a container the shell\'s own dialect decides (busybox ash)', async () => {
    const s = createLab().openSession();
    await s.run('docker run -dit --name c1 alpine');
    await s.run('docker exec -it c1 sh');
    expect((await s.run('while false; do', { continuation: true })).incomplete).toBe(true);
    expect((await s.run('while false; do\n:\ndone; echo ok', { continuation: true })).output).toBe('ok\n');
  });
});

describe('what one session keeps', () => {
  it('a line over 4096 characters runs but is not kept in the history', async () => {
    const s = createLab().openSession();
    const long = `echo ${'a'.repeat(4096)}`;
    expect((await s.run(long)).output).toBe(`${'a'.repeat(4096)}\n`);
    await s.run('echo short');
    expect(s.history()).toEqual(['echo short']);
    const seeded = createLab().openSession(undefined, { history: ['ls', long, 'pwd'] });
    expect(seeded.history()).toEqual(['ls', 'pwd']);
  });

  it('RunResult.output keeps the newest 1 MiB of a huge output; onOutput sees all of it', async () => {
    const s = createLab().openSession();
    let seen = 0;
    const r = await s.run('a=x; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do a=$a$a; done; for i in 1 2 3 4 5 6 7 8 9 10; do echo $i$a; done', {
      onOutput: (chunk) => (seen += chunk.length),
    });
    // Ten lines of "$i" + 131072 x's + newline.
    expect(seen).toBe(10 * (2 ** 17 + 1) + 11);
    expect(r.output.length).toBeLessThanOrEqual(1 << 20);
    expect(r.output.endsWith(`10${'x'.repeat(2 ** 17)}\n`)).toBe(true);
  });
});

describe('runaway commands stop with the shell\'s own words (issue 13, findings 3 and 7)', () => {
  it("echo 'sh < /root/x' > /root/x; sh < /root/x stops after 40 shells, and the terminal goes on", async () => {
    const s = createLab().openSession();
    const r = await s.run("echo 'sh < /root/x' > /root/x; sh < /root/x");
    expect(r.output).toBe('sim: more than 40 shells started inside each other (a script that runs itself?); stopped\n');
    expect((await s.run('echo ok')).output).toBe('ok\n');
  });

  it('a function calling itself: bash\'s "maximum function nesting level exceeded"', async () => {
    const s = createLab().openSession();
    const r = await s.run('f() { f; }; f');
    expect(r.output).toBe('bash: f: maximum function nesting level exceeded (1000)\n');
    expect(r.exitCode).toBe(1);
  });

  it('24 doublings of a=$a$a stop at the 1 MiB variable limit', async () => {
    const s = createLab().openSession();
    const r = await s.run('a=x; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24; do a=$a$a; done; echo ${#a}');
    expect(r).toMatchObject({ exitCode: 1, output: "sim: a word would be over the lab's limit of 1 MiB (1048576 characters)\n" });
    expect((await s.run('echo ${#a}')).output).toBe('1048576\n');
  });
});

describe('completing command names', () => {
  it('offers the shell\'s builtins beside the programs (cd, export and exit are no programs)', async () => {
    const s = createLab().openSession();
    expect(s.complete('ex').candidates).toEqual(['exec', 'exit', 'export']);
    expect(s.complete('doc').candidates).toEqual(['docker']);
  });
});
