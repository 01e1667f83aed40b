import { describe, expect, it } from 'vitest';
import { escapePattern, findMatch, hasGlobChars, matchPattern, matchPrefix, matchSuffix, replaceAll } from './pattern';

describe('shell patterns', () => {
  it('match *, ?, brackets, ranges, negation and classes', () => {
    expect(matchPattern('*.txt', 'a.txt')).toBe(true);
    expect(matchPattern('?.md', 'ab.md')).toBe(false);
    expect(matchPattern('[a-c]x', 'bx')).toBe(true);
    expect(matchPattern('[!a-c]x', 'bx')).toBe(false);
    expect(matchPattern('[^0-9]*', 'x1')).toBe(true);
    expect(matchPattern('[[:digit:]][[:alpha:]]', '7q')).toBe(true);
    expect(matchPattern('[]x]', ']')).toBe(true);
    expect(matchPattern('[a', '[a')).toBe(true);
    expect(matchPattern('a*b*c', 'aXXbYYc')).toBe(true);
    expect(matchPattern('', '')).toBe(true);
  });
  it('treat escaped characters literally', () => {
    expect(matchPattern(escapePattern('*?[x]'), '*?[x]')).toBe(true);
    expect(matchPattern(escapePattern('*'), 'abc')).toBe(false);
    expect(hasGlobChars(escapePattern('a*'))).toBe(false);
    expect(hasGlobChars('[')).toBe(false);
    expect(hasGlobChars('[a]')).toBe(true);
  });
  it('find shortest and longest prefixes and suffixes', () => {
    expect(matchPrefix('*/', 'a/b/c', false)).toBe(2);
    expect(matchPrefix('*/', 'a/b/c', true)).toBe(4);
    expect(matchSuffix('.*', 'f.tar.gz', false)).toBe(5);
    expect(matchSuffix('.*', 'f.tar.gz', true)).toBe(1);
    expect(matchSuffix('x', 'abc', true)).toBe(-1);
  });
  it('replace first, anchored and all matches', () => {
    expect(findMatch('b*', 'abcb', 0, null)).toEqual([1, 4]);
    expect(findMatch('a', 'ba', 0, 'start')).toBe(null);
    expect(findMatch('a', 'ba', 0, 'end')).toEqual([1, 2]);
    expect(replaceAll('o', 'foo boo', '0')).toBe('f00 b00');
  });
  it('handle fixed-length patterns on long text in linear time', () => {
    const text = 'ab'.repeat(300_000);
    expect(replaceAll('a', text, 'x').length).toBe(text.length);
    expect(matchSuffix('b', text, true)).toBe(text.length - 1);
  });
  it('stay linear on patterns that make regex engines backtrack', () => {
    const text = 'a'.repeat(5000);
    expect(matchPattern('*a*a*a*a*a*a*a*b', text)).toBe(false);
  });
});
