import { describe, expect, it } from 'vitest';
import { ArithError, arithMessage, evalArith } from './arith';

/** Shell arithmetic on its own: values checked against bash 5.2. */

function calc(expr: string, vars: Record<string, string> = {}): string {
  const store = new Map(Object.entries(vars));
  return String(evalArith(expr, { get: (n) => store.get(n), set: (n, v) => void store.set(n, v) }, 'bash'));
}

function error(expr: string, shell: 'bash' | 'dash' | 'busybox' | 'zsh' = 'bash'): string {
  try {
    evalArith(expr, { get: () => undefined, set: () => {} }, shell);
  } catch (e) {
    if (e instanceof ArithError) return arithMessage(e, shell);
    throw e;
  }
  return 'no error';
}

describe('evalArith', () => {
  it('follows C precedence and associativity', () => {
    expect(calc('1 + 2 * 3 - 4 / 2')).toBe('5');
    expect(calc('2 ** 3 ** 2')).toBe('512');
    expect(calc('-2 ** 2')).toBe('4');
    expect(calc('1 < 2 == 1')).toBe('1');
    expect(calc('6 & 3 ^ 1 | 8')).toBe('11');
    expect(calc('a = b = 4', {})).toBe('4');
  });
  it('wraps at 64 bits like bash', () => {
    expect(calc('9223372036854775807 + 1')).toBe('-9223372036854775808');
    expect(calc('2 ** 64')).toBe('0');
    expect(calc('-9223372036854775808 / -1')).toBe('-9223372036854775808');
    expect(calc('1 << 64')).toBe('1');
    expect(calc('-8 >> 1')).toBe('-4');
  });
  it('reads bases', () => {
    expect(calc('0x7f + 0X10 + 017 + 2#1010 + 16#ff + 36#z + 64#_')).toBe(String(127 + 16 + 15 + 10 + 255 + 35 + 63));
  });
  it('evaluates variables as expressions, recursively, and refuses endless recursion', () => {
    expect(calc('x * 2', { x: 'y + 1', y: '3' })).toBe('8');
    expect(error('x')).toBe('no error');
    try {
      evalArith('a', { get: () => 'a', set: () => {} }, 'bash');
      expect.unreachable();
    } catch (e) {
      expect(e instanceof ArithError && arithMessage(e, 'bash')).toBe('a: expression recursion level exceeded (error token is "a")');
    }
  });
  it('handles increments, compound assignments and the comma', () => {
    expect(calc('i++, i++, i', { i: '5' })).toBe('7');
    expect(calc('--i + i--', { i: '5' })).toBe('8');
    expect(calc('x |= 4, x <<= 1, x ^= 1', { x: '1' })).toBe('11');
  });
  it('reports errors as bash, dash, ash and zsh do', () => {
    expect(error('1/0')).toBe('1/0: division by 0 (error token is "0")');
    expect(error('1/0', 'dash')).toBe('arithmetic expression: division by zero: "1/0"');
    expect(error('1/0', 'busybox')).toBe('divide by zero');
    expect(error('1/0', 'zsh')).toBe('division by zero');
    expect(error('5 % (3-3)')).toBe('5 % (3-3): division by 0 (error token is "(3-3)")');
    expect(error('(1 + 2')).toBe('(1 + 2: missing `)\' (error token is "2")');
    expect(error('1 +')).toBe('1 +: syntax error: operand expected (error token is "+")');
    expect(error('1 +', 'busybox')).toBe('arithmetic syntax error');
    expect(error('2 $ 3')).toBe('2 $ 3: syntax error: invalid arithmetic operator (error token is "$ 3")');
    expect(error('1 2')).toBe('1 2: syntax error in expression (error token is "2")');
  });
});
