import type { ShellKind } from '../../syntax/ast';
import { FLOW } from './flow';
import { lookupBuiltins, PLACES } from './lookup';
import { testBuiltin } from './test';
import type { Builtin } from './types';
import { VARS } from './vars';

/** The builtins the interpreter runs itself, because they read or change the shell's own state. */

/** POSIX special builtins: found before functions; their prefix assignments stay (in dash and ash). */
export const SPECIAL_BUILTINS = new Set(['break', ':', 'continue', '.', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'unset']);

/** Builtins a shell does not have (dash has no `source`, `let` or `declare`; ash no `declare`). */
const ABSENT: Partial<Record<ShellKind, Set<string>>> = {
  dash: new Set(['source', 'let', 'declare', 'typeset', 'builtin', 'logout']),
  busybox: new Set(['declare', 'typeset', 'builtin', 'logout']),
};

const table = new Map<string, Builtin>([...FLOW, ...VARS, ...PLACES, ['test', testBuiltin], ['[', testBuiltin]]);
for (const [name, b] of lookupBuiltins((n, shell) => builtinFor(shell, n) !== undefined, (n) => SPECIAL_BUILTINS.has(n))) table.set(name, b);

export function builtinFor(shell: ShellKind, name: string): Builtin | undefined {
  if (ABSENT[shell]?.has(name)) return undefined;
  return table.get(name);
}

/** Every builtin a shell has (for completing command names). */
export function builtinNames(shell: ShellKind): string[] {
  return [...table.keys()].filter((name) => builtinFor(shell, name) !== undefined);
}
