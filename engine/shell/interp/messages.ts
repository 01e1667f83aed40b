import type { ShellKind } from '../syntax/ast';

/**
 * Run-time error texts and statuses of bash 5.2, dash 0.5.12, BusyBox 1.35 ash and zsh 5.9, taken
 * from the real shells (`sh -c '…'` and `sh -i`). Each returns the body that follows the shell's
 * prefix (`bash: `, `sh: 1: `); where a shell's status differs it is returned alongside.
 */

type PerShell = Record<ShellKind, string>;
const pick = (shell: ShellKind, m: PerShell) => m[shell];

export function notFoundText(shell: ShellKind, name: string): string {
  if (name.includes('/')) return pick(shell, { bash: `${name}: No such file or directory`, dash: `${name}: not found`, busybox: `${name}: not found`, zsh: `no such file or directory: ${name}` });
  return pick(shell, { bash: `${name}: command not found`, dash: `${name}: not found`, busybox: `${name}: not found`, zsh: `command not found: ${name}` });
}

/** `${x?}`, `${x:?}` and `${x:?msg}`: message and the status a failing expansion leaves. */
export function paramUnsetText(shell: ShellKind, name: string, colon: boolean, message: string | null): [string, number] {
  const status = shell === 'bash' ? 127 : shell === 'zsh' ? 1 : 2;
  if (message) return [`${name}: ${message}`, status];
  if (!colon || shell === 'zsh') return [`${name}: parameter not set`, status];
  return [shell === 'bash' ? `${name}: parameter null or not set` : `${name}: parameter not set or null`, status];
}

/** `set -u` and an unset variable. */
export function unboundText(shell: ShellKind, name: string): [string, number] {
  if (shell === 'bash') return [`${name}: unbound variable`, 127];
  return [`${name}: parameter not set`, shell === 'zsh' ? 1 : 2];
}

export function badSubstitutionText(shell: ShellKind, text: string): [string, number] {
  return [
    pick(shell, { bash: `${text}: bad substitution`, dash: 'Bad substitution', busybox: 'syntax error: bad substitution', zsh: 'bad substitution' }),
    shell === 'bash' || shell === 'zsh' ? 1 : 2,
  ];
}

export function readonlyText(shell: ShellKind, name: string): [string, number] {
  return [
    pick(shell, { bash: `${name}: readonly variable`, dash: `${name}: is read only`, busybox: `${name}: is read only`, zsh: `read-only variable: ${name}` }),
    shell === 'bash' || shell === 'zsh' ? 1 : 2,
  ];
}

/** Fatal-error status of a shell (an arithmetic or expansion error ends the command line or script). */
export function fatalStatus(shell: ShellKind): number {
  return shell === 'bash' || shell === 'zsh' ? 1 : 2;
}

/**
 * A function calling itself too deep. bash and dash print these texts (bash with FUNCNEST set);
 * zsh prints its line without a prefix; BusyBox sh would crash, so the lab says what it did.
 */
export function functionNestText(shell: ShellKind, name: string, limit: number): { text: string; bare: boolean; status: number } {
  switch (shell) {
    case 'bash':
      return { text: `${name}: maximum function nesting level exceeded (${limit})`, bare: false, status: 1 };
    case 'dash':
      return { text: `Maximum function recursion depth (${limit}) reached`, bare: false, status: 2 };
    case 'zsh':
      return { text: `${name}: maximum nested function level reached; increase FUNCNEST?`, bare: true, status: 1 };
    case 'busybox':
      return { text: `sim: ${name}: functions nested more than ${limit} deep; stopped (BusyBox sh itself would crash)`, bare: true, status: 2 };
  }
}

/** bash's texts for eval and source recursion (built with EVALNEST_MAX / SOURCENEST_MAX). */
export function evalNestText(limit: number): string {
  return `eval: maximum eval nesting level exceeded (${limit})`;
}

export function sourceNestText(file: string, limit: number): string {
  return `${file}: maximum source nesting level exceeded (${limit})`;
}

export type FileProblem = 'missing' | 'nodir' | 'isdir' | 'readonly' | 'exists' | 'toolarge';

/** A redirection that cannot open its file; the status is that of the failed command. */
export function redirectText(shell: ShellKind, path: string, problem: FileProblem, reading: boolean): [string, number] {
  const status = shell === 'dash' ? 2 : 1;
  if (problem === 'toolarge') return [`sim: ${path}: the file would be larger than the lab's limit (1 MiB)`, 1];
  if (reading) {
    return [pick(shell, { bash: `${path}: No such file or directory`, dash: `cannot open ${path}: No such file`, busybox: `can't open ${path}: no such file`, zsh: `no such file or directory: ${path}` }), status];
  }
  const why: Record<Exclude<FileProblem, 'toolarge'>, PerShell> = {
    missing: { bash: 'No such file or directory', dash: 'Directory nonexistent', busybox: 'nonexistent directory', zsh: 'no such file or directory' },
    nodir: { bash: 'No such file or directory', dash: 'Directory nonexistent', busybox: 'nonexistent directory', zsh: 'no such file or directory' },
    isdir: { bash: 'Is a directory', dash: 'Is a directory', busybox: 'Is a directory', zsh: 'is a directory' },
    readonly: { bash: 'Read-only file system', dash: 'Read-only file system', busybox: 'Read-only file system', zsh: 'read-only file system' },
    exists: { bash: 'cannot overwrite existing file', dash: 'File exists', busybox: 'File exists', zsh: 'file exists' },
  };
  const reason = why[problem][shell];
  if (shell === 'bash') return [`${path}: ${reason}`, status];
  if (shell === 'zsh') return [`${reason}: ${path}`, status];
  return [`${shell === 'dash' ? 'cannot create' : "can't create"} ${path}: ${reason}`, status];
}

export function badFdText(shell: ShellKind, fd: string): string {
  return shell === 'zsh' ? `${fd}: bad file descriptor` : `${fd}: Bad file descriptor`;
}

export function ambiguousText(text: string): string {
  return `${text}: ambiguous redirect`;
}

/** An invalid number given to a builtin (`shift x`, `exit abc`, `break 0`). */
export function illegalNumberText(shell: ShellKind, builtin: string, arg: string): [string, number] {
  if (shell === 'bash') return [`${builtin}: ${arg}: numeric argument required`, builtin === 'exit' || builtin === 'return' ? 2 : 1];
  if (shell === 'zsh') return [`${builtin}: bad math expression: ${arg}`, 1];
  return [`${builtin}: Illegal number: ${arg}`, 2];
}

/** An invalid variable name given to export, readonly, unset, local, read, for. */
export function badNameText(shell: ShellKind, builtin: string, arg: string): [string, number] {
  return [
    pick(shell, {
      bash: `${builtin}: \`${arg}': not a valid identifier`,
      dash: `${builtin}: ${arg.split('=')[0]}: bad variable name`,
      busybox: `${builtin}: ${arg.split('=')[0]}: bad variable name`,
      zsh: `${builtin}: not an identifier: ${arg.split('=')[0]}`,
    }),
    shell === 'bash' || shell === 'zsh' ? 1 : 2,
  ];
}

/** The lab's limit on one variable. */
export function tooLargeText(name: string, size: number): string {
  return `sim: ${name}: a value of ${size} characters is over the lab's limit of 1 MiB (1048576) per variable`;
}

export function cdText(shell: ShellKind, dir: string): [string, number] {
  const text = pick(shell, {
    bash: `cd: ${dir}: No such file or directory`, dash: `cd: can't cd to ${dir}`,
    busybox: `cd: can't cd to ${dir}: No such file or directory`, zsh: `cd: no such file or directory: ${dir}`,
  });
  return [text, shell === 'bash' || shell === 'zsh' ? 1 : 2];
}
