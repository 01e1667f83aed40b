import type { ShellKind } from './ast';

/**
 * Syntax errors as data, printed in each shell's own words. The texts were taken from bash 5.2,
 * dash 0.5.12, BusyBox 1.35 ash and zsh 5.9 (`sh -c '…'` and interactive `sh -i`).
 */
export type ShellSyntaxError =
  /** A token where none of that kind may stand; `token` is 'newline' for a line end. */
  | { kind: 'token'; token: string; word: boolean; atEof: boolean; expecting: string | null; line: number }
  /** The input ended inside a construct (`if` without `fi`, a trailing `|`). */
  | { kind: 'eof'; expecting: string | null; near: string; line: number }
  /** The input ended inside quotes or an expansion. */
  | { kind: 'unterminated'; what: '"' | "'" | '`' | ')' | '}' | '))'; line: number }
  /** dash and ash reject `for 1 in …` while parsing. */
  | { kind: 'badfor'; line: number }
  /** The lab's own limit on nesting or size; printed as one `sim:` line. */
  | { kind: 'limit'; message: string; line: number };

/** Where a message comes from: the terminal, `sh -c`, `sh < file`, `eval`, a script or a sourced file. */
export interface Origin {
  /** $0: `bash`, `sh`, `zsh`. */
  name: string;
  interactive: boolean;
  /** '-c', 'stdin', 'eval', or a script's path. */
  source: string;
  /** The path in `source` is being read by `.`/`source` rather than run as a script. */
  sourced?: boolean;
  line: number;
}

function bashText(e: ShellSyntaxError): string {
  switch (e.kind) {
    case 'token':
      return `syntax error near unexpected token \`${e.token}'`;
    case 'eof':
      return 'syntax error: unexpected end of file';
    case 'unterminated':
      return `unexpected EOF while looking for matching \`${e.what === '))' ? ')' : e.what}'`;
    case 'badfor':
      return 'syntax error: bad for loop variable';
    case 'limit':
      return e.message;
  }
}

function ashText(e: ShellSyntaxError, dash: boolean): string {
  const se = dash ? 'Syntax error: ' : 'syntax error: ';
  const expecting = (x: string | null) => (x ? ` (expecting "${x}")` : '');
  switch (e.kind) {
    case 'token': {
      if (e.atEof) return dash ? `${se}end of file unexpected${expecting(e.expecting)}` : `${se}unexpected end of file${expecting(e.expecting)}`;
      const redirection = /^[0-9]*(?:[<>]|&>)/.test(e.token);
      const what = e.token === 'newline' ? 'newline' : e.word ? 'word' : redirection ? 'redirection' : `"${e.token}"`;
      return (dash ? `${se}${what} unexpected` : `${se}unexpected ${what}`) + expecting(e.expecting);
    }
    case 'eof':
      return (dash ? `${se}end of file unexpected` : `${se}unexpected end of file`) + expecting(e.expecting);
    case 'unterminated':
      if (e.what === '"' || e.what === "'") return dash ? `${se}Unterminated quoted string` : `${se}unterminated quoted string`;
      if (e.what === '`') return `${se}EOF in backquote substitution`;
      if (e.what === ')') return (dash ? `${se}end of file unexpected` : `${se}unexpected end of file`) + expecting(')');
      return dash ? `${se}Missing '${e.what}'` : `${se}missing '${e.what}'`;
    case 'badfor':
      return dash ? `${se}Bad for loop variable` : `${se}bad for loop variable`;
    case 'limit':
      return e.message;
  }
}

function zshText(e: ShellSyntaxError): string {
  switch (e.kind) {
    case 'token':
      return `parse error near \`${e.token === 'newline' ? '\\n' : e.token}'`;
    case 'eof':
      return `parse error near \`${e.near}'`;
    case 'unterminated':
      if (e.what === '}') return 'closing brace expected';
      if (e.what === ')' || e.what === '))') return `parse error near \`${e.what}'`;
      return `unmatched ${e.what}`;
    case 'badfor':
      return 'parse error near `for\'';
    case 'limit':
      return e.message;
  }
}

/** The message body, without the `bash: ` or `sh: 1: ` prefix. */
export function syntaxErrorText(e: ShellSyntaxError, shell: ShellKind): string {
  if (shell === 'bash') return bashText(e);
  if (shell === 'zsh') return zshText(e);
  return ashText(e, shell === 'dash');
}

/**
 * The prefix of a diagnostic, as each shell writes it. `syntax` selects the parse-error form where
 * it differs (bash: `bash: -c: line 1:` and `bash: eval: line 1:`).
 */
export function diagPrefix(shell: ShellKind, o: Origin, syntax = false): string {
  const file = o.source !== '-c' && o.source !== 'stdin' && o.source !== 'eval';
  const n = o.line;
  switch (shell) {
    case 'bash':
      if (file) return `${o.source}: line ${n}: `;
      if (o.source === 'eval') return syntax ? `${o.name}: eval: line ${n}: ` : `${o.name}: `;
      if (o.interactive) return `${o.name}: `;
      return o.source === '-c' && syntax ? `${o.name}: -c: line ${n}: ` : `${o.name}: line ${n}: `;
    case 'dash':
      if (file) return o.sourced ? `${o.name}: ${n}: ${o.source}: ` : `${o.source}: ${n}: `;
      return o.source === 'eval' ? `${o.name}: ${n}: eval: ` : `${o.name}: ${n}: `;
    case 'busybox':
      if (file) return o.sourced ? `${o.name}: ${o.source}: line ${n}: ` : `${o.source}: line ${n}: `;
      return o.source === 'eval' ? `${o.name}: eval: ` : `${o.name}: `;
    case 'zsh':
      if (file) return `${o.source}:${n}: `;
      if (o.source === 'eval') return `(eval):${n}: `;
      return o.interactive ? `${o.name}: ` : `${o.name}:${n}: `;
  }
}

/** The full line(s) a shell prints for a syntax error; bash scripts also quote the offending line. */
export function formatSyntaxError(e: ShellSyntaxError, shell: ShellKind, o: Omit<Origin, 'line'>, source: string): string {
  if (e.kind === 'limit') return `${e.message}\n`;
  const origin = { ...o, line: e.line };
  let text = `${diagPrefix(shell, origin, true)}${syntaxErrorText(e, shell)}\n`;
  if (shell === 'bash' && (!o.interactive || o.source !== 'stdin') && e.kind === 'token') {
    const lineText = source.split('\n')[e.line - 1] ?? '';
    text += `${diagPrefix(shell, origin, true)}\`${lineText}'\n`;
  }
  return text;
}
