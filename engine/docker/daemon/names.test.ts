import { describe, expect, it } from 'vitest';
import { generateName, isValidContainerName, NAME_ADJECTIVES, NAME_SURNAMES } from './names';

/** A scripted randomInt: returns the queued values in order and checks each is in range. */
function scripted(...values: number[]): (n: number) => number {
  return (n: number) => {
    const v = values.shift();
    if (v === undefined) throw new Error('randomInt called more often than scripted');
    if (v < 0 || v >= n) throw new Error(`scripted value ${v} outside [0, ${n})`);
    return v;
  };
}

describe('name lists', () => {
  it('has moby’s 108 adjectives and 236 surnames, each unique and alphabetical', () => {
    expect(NAME_ADJECTIVES).toHaveLength(108);
    expect(NAME_SURNAMES).toHaveLength(236);
    expect(new Set(NAME_ADJECTIVES).size).toBe(108);
    expect(new Set(NAME_SURNAMES).size).toBe(236);
    expect([...NAME_ADJECTIVES].sort()).toEqual(NAME_ADJECTIVES);
    expect([...NAME_SURNAMES].sort()).toEqual(NAME_SURNAMES);
  });

  it('spans admiring…zen and agnesi…zhukovsky', () => {
    expect(NAME_ADJECTIVES[0]).toBe('admiring');
    expect(NAME_ADJECTIVES.at(-1)).toBe('zen');
    expect(NAME_SURNAMES[0]).toBe('agnesi');
    expect(NAME_SURNAMES.at(-1)).toBe('zhukovsky');
    for (const w of ['focused', 'nostalgic', 'happy']) expect(NAME_ADJECTIVES).toContain(w);
    for (const w of ['turing', 'shockley', 'albattani', 'wozniak']) expect(NAME_SURNAMES).toContain(w);
  });
});

describe('generateName', () => {
  const focused = NAME_ADJECTIVES.indexOf('focused');
  const turing = NAME_SURNAMES.indexOf('turing');

  it('joins an adjective and a surname with "_" on the first try', () => {
    expect(generateName(scripted(focused, turing), 0)).toBe('focused_turing');
  });

  it('appends one digit from the second try on', () => {
    expect(generateName(scripted(focused, turing, 3), 1)).toBe('focused_turing3');
    expect(generateName(scripted(focused, turing, 0), 5)).toBe('focused_turing0');
  });

  it('never says boring_wozniak: that pair is drawn again', () => {
    const boring = NAME_ADJECTIVES.indexOf('boring');
    const wozniak = NAME_SURNAMES.indexOf('wozniak');
    expect(generateName(scripted(boring, wozniak, focused, turing), 0)).toBe('focused_turing');
    // Other Wozniak and boring pairings are fine.
    expect(generateName(scripted(boring, turing), 0)).toBe('boring_turing');
    expect(generateName(scripted(focused, wozniak), 0)).toBe('focused_wozniak');
  });

  it('produces valid container names from any RNG draw', () => {
    let state = 7;
    const lcg = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    for (let i = 0; i < 500; i++) {
      const name = generateName(lcg, i % 6);
      expect(isValidContainerName(name)).toBe(true);
      expect(name).toMatch(i % 6 === 0 ? /^[a-z]+_[a-z]+$/ : /^[a-z]+_[a-z]+\d$/);
    }
  });
});

describe('isValidContainerName', () => {
  it('accepts what docker run --name accepts', () => {
    for (const n of ['web', 'my_db', 'app-1', 'a.b', '/web', 'X9', '0abc']) expect(isValidContainerName(n)).toBe(true);
  });

  it('rejects one-character names, bad first characters and other symbols', () => {
    for (const n of ['a', '', '/', '_web', '-web', '.web', 'my web', 'web!', '//web', 'wéb', 'web/1'])
      expect(isValidContainerName(n)).toBe(false);
  });
});
