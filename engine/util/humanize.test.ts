import { describe, expect, it } from 'vitest';
import { formatGoFloat, humanDuration, humanSize } from './humanize';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const day = 24 * h;

describe('humanDuration (docker ps CREATED / STATUS)', () => {
  it.each([
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [-5 * s, 'Less than a second'],
    [1 * s, '1 second'],
    [1999, '1 second'],
    [2 * s, '2 seconds'],
    [59 * s + 999, '59 seconds'],
    [60 * s, 'About a minute'],
    [119 * s, 'About a minute'],
    [2 * m, '2 minutes'],
    [59 * m + 59 * s, '59 minutes'],
    [60 * m, 'About an hour'],
    [89 * m, 'About an hour'],
    [90 * m, '2 hours'],
    [47 * h + 29 * m, '47 hours'],
    [47 * h + 30 * m, '2 days'],
    [3 * day + 11 * h, '3 days'],
    [13 * day + 23 * h, '13 days'],
    [14 * day, '2 weeks'],
    [5 * 7 * day, '5 weeks'],
    [59 * day, '8 weeks'],
    [60 * day, '2 months'],
    [364 * day, '12 months'],
    [729 * day, '24 months'],
    [730 * day, '2 years'],
    [10 * 365 * day + 100 * day, '10 years'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('reads naturally with " ago" as the CREATED column does', () => {
    expect(`${humanDuration(4 * s)} ago`).toBe('4 seconds ago');
    expect(`${humanDuration(70 * s)} ago`).toBe('About a minute ago');
  });
});

describe('humanSize (docker images SIZE)', () => {
  it.each([
    [0, '0B'],
    [1, '1B'],
    [999, '999B'],
    [1000, '1kB'],
    [1500, '1.5kB'],
    [1024, '1.02kB'],
    [7_800_000, '7.8MB'],
    [7_797_760, '7.8MB'],
    [192_000_000, '192MB'],
    [191_640_000, '192MB'],
    [100_000_000, '100MB'],
    [1_234_567_890, '1.23GB'],
    [5_000_000_000_000, '5TB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });

  it('rounds exact halves to even like Go, not up like JavaScript', () => {
    expect(humanSize(1125)).toBe('1.12kB');
    // 1.135 is not a tie as a double (it is 1.13500000000000000888…), so it rounds up in both.
    expect(humanSize(1135)).toBe('1.14kB');
    expect(humanSize(2_500)).toBe('2.5kB');
    expect(humanSize(10_250)).toBe('10.2kB');
    expect(humanSize(10_750)).toBe('10.8kB');
  });

  it('keeps Docker 28’s "1e+03" quirk just under the next unit', () => {
    expect(humanSize(999_600)).toBe('1e+03kB');
    expect(humanSize(999_400)).toBe('999kB');
  });
});

describe('formatGoFloat', () => {
  it('formats shortest %v the way fmt.Print does', () => {
    expect(formatGoFloat(1.5, 'g', -1)).toBe('1.5');
    expect(formatGoFloat(100000, 'g', -1)).toBe('100000');
    expect(formatGoFloat(1e6, 'g', -1)).toBe('1e+06');
    expect(formatGoFloat(123456789.5, 'g', -1)).toBe('1.234567895e+08');
    expect(formatGoFloat(0.0001, 'g', -1)).toBe('0.0001');
    expect(formatGoFloat(0.00001, 'g', -1)).toBe('1e-05');
    expect(formatGoFloat(0, 'g', -1)).toBe('0');
    expect(formatGoFloat(-2.25, 'g', -1)).toBe('-2.25');
    expect(formatGoFloat(1e21, 'g', -1)).toBe('1e+21');
  });

  it('formats %.Nf and %.Ne with half-even rounding on exact ties', () => {
    expect(formatGoFloat(3.14159, 'f', 2)).toBe('3.14');
    expect(formatGoFloat(2.5, 'f', 0)).toBe('2');
    expect(formatGoFloat(3.5, 'f', 0)).toBe('4');
    expect(formatGoFloat(0.125, 'f', 2)).toBe('0.12');
    expect(formatGoFloat(0.375, 'f', 2)).toBe('0.38');
    expect(formatGoFloat(0.1, 'f', 20)).toBe('0.10000000000000000555');
    expect(formatGoFloat(0.009, 'f', 2)).toBe('0.01');
    expect(formatGoFloat(0.004, 'f', 2)).toBe('0.00');
    expect(formatGoFloat(1, 'f', 6)).toBe('1.000000');
    expect(formatGoFloat(12345.678, 'e', 3)).toBe('1.235e+04');
    expect(formatGoFloat(0, 'e', 2)).toBe('0.00e+00');
    expect(formatGoFloat(-0.5, 'f', 1)).toBe('-0.5');
  });

  it('spells out non-finite values as Go does', () => {
    expect(formatGoFloat(Infinity, 'g', -1)).toBe('+Inf');
    expect(formatGoFloat(-Infinity, 'f', 2)).toBe('-Inf');
    expect(formatGoFloat(NaN, 'g', 3)).toBe('NaN');
  });
});
