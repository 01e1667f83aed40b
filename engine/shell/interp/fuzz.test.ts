import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShellKind } from '../syntax/ast';
import { parse } from '../syntax/parser';
import { machine, sh } from './testkit';

/** Whatever is typed, the shell answers with output and a status: it never throws and never hangs. */

const PIECES = [
  'echo', 'x=1', '$x', '${x:-a}', '${#x}', '${x%%*}', '$((1+2))', '$((x/0))', '$(echo a)', '`echo b`', '"q $x"', "'s'", '\\', '|', '||', '&&', ';', '&',
  '(', ')', '{', '}', 'if', 'then', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', ';;', '*)', 'f()', 'function',
  '>', '>>', '<', '2>&1', '<<EOF', 'EOF', '\n', ' ', 'true', 'false', 'read', 'set', '-e', 'shift', 'local', 'return', 'break', 'continue',
  'eval', '.', 'export', 'unset', 'test', '[', ']', '[[', ']]', '!', '#', '~', '*', '?', '$@', '"$@"', '$?', '$1', 'exit',
];

const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((a) => a.join(' '));
const shells = fc.constantFrom<ShellKind>('bash', 'dash', 'busybox', 'zsh');

describe('fuzzed input', () => {
  it('parses to a tree, "incomplete" or a syntax error, never an exception', () => {
    fc.assert(
      fc.property(line, shells, fc.boolean(), (text, shell, interactive) => {
        const r = parse(text, { shell, interactive });
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
  it('runs to a status, stopping runaway loops on Ctrl-C', async () => {
    await fc.assert(
      fc.asyncProperty(line, shells, fc.boolean(), async (text, shell, interactive) => {
        const c = new AbortController();
        const timer = setTimeout(() => c.abort(), 50);
        const r = await sh(text, { shell, interactive, signal: c.signal, machine: machine(shell) });
        clearTimeout(timer);
        expect(Number.isInteger(r.status)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
