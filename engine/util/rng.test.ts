import { describe, expect, it } from 'vitest';
import { nextInt, randomHex, randomId, seedRng } from './rng';

describe('the seeded random source', () => {
  it('randomHex draws each digit as nextInt(16) would, so ids per seed stay what saved labs and transcripts hold', () => {
    for (let seed = 0; seed < 500; seed++) {
      const a = seedRng(seed);
      const b = seedRng(seed);
      for (const n of [1, 7, 12, 64]) {
        let digits = '';
        for (let i = 0; i < n; i++) digits += nextInt(a, 16).toString(16);
        expect(randomHex(b, n)).toBe(digits);
        expect(b.s).toBe(a.s);
      }
    }
  });

  it('gives 64-hex ids whose short form never looks like a number', () => {
    const st = seedRng(7);
    for (let i = 0; i < 200; i++) {
      const id = randomId(st);
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id.slice(0, 12)).not.toMatch(/^\d{12}$/);
    }
  });
});
