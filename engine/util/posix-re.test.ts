import { describe, expect, it } from 'vitest';
import { compilePosix, toRe2 } from './posix-re';

describe('POSIX patterns in RE2 syntax', () => {
  it('BRE: \\( \\) \\{ \\} \\| \\+ \\? are operators, their bare forms literal', () => {
    expect(toRe2('a\\(b\\)*', false)).toBe('a(b)*');
    expect(toRe2('a|b(c)+d?', false)).toBe('a\\|b\\(c\\)\\+d\\?');
    expect(toRe2('a\\|b\\+c\\?', false)).toBe('a|b+c?');
    expect(toRe2('x\\{2,3\\}', false)).toBe('x{2,3}');
    expect(toRe2('{1}', false)).toBe('\\{1\\}');
  });
  it('BRE: * with nothing before it, ^ and $ away from the ends, are plain characters', () => {
    expect(toRe2('*a', false)).toBe('\\*a');
    expect(toRe2('^*a', false)).toBe('^\\*a');
    expect(toRe2('\\(*a\\)', false)).toBe('(\\*a)');
    expect(toRe2('a^b$c', false)).toBe('a\\^b\\$c');
    expect(toRe2('^ab$', false)).toBe('^ab$');
  });
  it('ERE: groups, alternation, intervals; a brace that is no interval and a lone ) are literal', () => {
    expect(toRe2('(a+)+$', true)).toBe('(a+)+$');
    expect(toRe2('a{2}|b{1,}|c{,3}', true)).toBe('a{2}|b{1,}|c{0,3}');
    expect(toRe2('a{', true)).toBe('a\\{');
    expect(toRe2('a{x}', true)).toBe('a\\{x\\}');
    expect(toRe2('a)', true)).toBe('a\\)');
  });
  it('ERE, as GNU grep 3.8 runs it: a leading * + ? {…} repeats nothing (with a warning); ^* repeats the anchor', () => {
    const warnings: string[] = [];
    expect(toRe2('+x|*y', true, warnings)).toBe('x|y');
    expect(toRe2('{1}b', true, warnings)).toBe('1\\}b');
    expect(toRe2('^*a', true, warnings)).toBe('(?:^)*a');
    expect(warnings).toEqual(['+', '*', '{...}', '*']);
  });
  it('a repetition of a repetition is grouped (RE2 refuses a**)', () => {
    expect(toRe2('a**', true)).toBe('(?:a*)*');
    expect(toRe2('(ab)*+', true)).toBe('(?:(ab)*)+');
  });
  it('brackets keep POSIX meaning: a backslash is literal, ] may come first, classes stay', () => {
    expect(toRe2('[a\\]', true)).toBe('[a\\\\]');
    expect(toRe2('[]a]', false)).toBe('[\\]a]');
    expect(toRe2('[^]a]', false)).toBe('[^\\]a]');
    expect(toRe2('[[:digit:]x-z]', true)).toBe('[[:digit:]x-z]');
    expect(toRe2('\\<w\\>', false)).toBe('\\bw\\b');
  });
  it('what is wrong with a bad pattern', () => {
    expect(toRe2('\\(a', false)).toEqual({ kind: 'paren' });
    expect(toRe2('(a', true)).toEqual({ kind: 'paren' });
    expect(toRe2('a\\)', false)).toEqual({ kind: 'rparen' });
    expect(toRe2('[a', true)).toEqual({ kind: 'bracket' });
    expect(toRe2('a\\', true)).toEqual({ kind: 'trailing' });
    expect(toRe2('[[:foo:]]', true)).toEqual({ kind: 'class' });
    expect(toRe2('\\(a\\)\\1', false)).toEqual({ kind: 'backref' });
    expect(toRe2('a\\{2,1\\}', false)).toEqual({ kind: 'interval' });
    expect(toRe2('a{1,2,3}', true)).toEqual({ kind: 'interval' });
    expect(toRe2('a{}', true)).toEqual({ kind: 'interval' });
    expect(toRe2('a{2000}', true)).toEqual({ kind: 'toobig' });
  });
});

describe('matching', () => {
  it('is leftmost-longest, as POSIX wants', async () => {
    const r = await compilePosix('ab|abc', { extended: true });
    if (!r.ok) throw new Error(r.error.kind);
    expect(r.re.exec('xabcx')).toEqual({ index: 1, text: 'abc', groups: [] });
    const anchor = await compilePosix('^+a', { extended: true });
    expect(anchor.ok && [anchor.re.test('ax'), anchor.re.test('xa')]).toEqual([true, false]);
  });
  it('(a+)+$ on a long line answers at once (no backtracking)', async () => {
    const r = await compilePosix('(a+)+$', { extended: true });
    if (!r.ok) throw new Error(r.error.kind);
    expect(r.re.test(`${'a'.repeat(100_000)}b`)).toBe(false);
    expect(r.re.test('a'.repeat(100_000))).toBe(true);
  });
  it('-F, -w, -x and -i', async () => {
    const fixed = await compilePosix('a.b', { extended: false, fixed: true });
    expect(fixed.ok && [fixed.re.test('a.b'), fixed.re.test('axb')]).toEqual([true, false]);
    const word = await compilePosix('web', { extended: false, word: true });
    expect(word.ok && [word.re.test('my web 1'), word.re.test('webby')]).toEqual([true, false]);
    const line = await compilePosix('web', { extended: false, line: true, ignoreCase: true });
    expect(line.ok && [line.re.test('WEB'), line.re.test('web1')]).toEqual([true, false]);
  });
  it('an invalid range is reported as one', async () => {
    expect(await compilePosix('[z-a]', { extended: true })).toEqual({ ok: false, error: { kind: 'range' } });
  });
});
