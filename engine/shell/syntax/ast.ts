/**
 * The shell's syntax tree. Words keep their parts (quoted text, expansions) so the interpreter can
 * expand them at run time, and the raw source text for error messages and `set -x`.
 */

/** Which shell reads the input: grammar details and error texts differ. */
export type ShellKind = 'bash' | 'dash' | 'busybox' | 'zsh';

export interface Word {
  parts: WordPart[];
  /** The word as written, for error messages. */
  text: string;
}

export type WordPart = LitPart | QuotedPart | DoubleQuotedPart | ParamPart | CmdSubPart | ArithPart;

/** Unquoted text: subject to field splitting (when it came from an expansion) and globbing. */
export interface LitPart {
  type: 'lit';
  text: string;
}

/** Single-quoted, `$'...'` or backslash-escaped text: taken literally. */
export interface QuotedPart {
  type: 'quoted';
  text: string;
}

export interface DoubleQuotedPart {
  type: 'dq';
  parts: WordPart[];
}

export type ParamOp =
  | '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?'
  | 'len' | '%' | '%%' | '#' | '##'
  | '/' | '//' | '/#' | '/%'
  | 'substr'
  | '^' | '^^' | ',' | ',,';

export interface ParamPart {
  type: 'param';
  /** A name, a positional number, or one of `@ * # ? - $ ! 0`. */
  name: string;
  /** null: plain `$x` / `${x}`; 'bad': a `${...}` the shell cannot read (reported when expanded). */
  op: ParamOp | null | 'bad';
  /** The word after the operator (default value, pattern, offset). */
  arg: Word | null;
  /** The second word of `${x/pat/rep}` and `${x:off:len}`. */
  arg2: Word | null;
  /** The source, e.g. `${x!}` for "bad substitution". */
  text: string;
}

export interface CmdSubPart {
  type: 'cmdsub';
  script: Script;
  text: string;
}

/** `$(( ... ))`: the expression text is expanded first, then evaluated. */
export interface ArithPart {
  type: 'arith';
  expr: Word;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  /** The explicit descriptor (`2>`), or null for the operator's default. */
  fd: number | null;
  op: RedirOp;
  /** The file, descriptor or (for here-docs) delimiter word. */
  target: Word;
  heredoc: HereDoc | null;
}

export interface HereDoc {
  /** The body; with a quoted delimiter it is one quoted part. Filled in when the body line(s) are read. */
  body: Word;
  /** Whether the delimiter was quoted (then the body is not expanded). */
  quoted: boolean;
  delimiter: string;
}

export interface Assignment {
  name: string;
  value: Word;
  /** bash/zsh `x+=y`. */
  append: boolean;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
  line: number;
}

export interface Group {
  type: 'group';
  body: Script;
  redirects: Redirect[];
  line: number;
}

export interface Subshell {
  type: 'subshell';
  body: Script;
  redirects: Redirect[];
  line: number;
}

export interface IfCommand {
  type: 'if';
  clauses: { cond: Script; body: Script }[];
  elseBody: Script | null;
  redirects: Redirect[];
  line: number;
}

export interface LoopCommand {
  type: 'while';
  until: boolean;
  cond: Script;
  body: Script;
  redirects: Redirect[];
  line: number;
}

export interface ForCommand {
  type: 'for';
  name: string;
  /** null: `for x; do` loops over the positional parameters. */
  items: Word[] | null;
  body: Script;
  redirects: Redirect[];
  line: number;
}

/** bash `for ((init; cond; step))`. */
export interface ArithForCommand {
  type: 'arithfor';
  init: Word;
  cond: Word;
  step: Word;
  body: Script;
  redirects: Redirect[];
  line: number;
}

export interface CaseItem {
  patterns: Word[];
  body: Script;
  /** `;;` ends the case, `;&` falls through, `;;&` tests the next patterns (bash). */
  terminator: ';;' | ';&' | ';;&';
}

export interface CaseCommand {
  type: 'case';
  word: Word;
  items: CaseItem[];
  redirects: Redirect[];
  line: number;
}

/** bash `(( expr ))`: status 0 when the expression is non-zero. */
export interface ArithCommand {
  type: 'arithcmd';
  expr: Word;
  redirects: Redirect[];
  line: number;
}

/** bash `[[ ... ]]`: its words, evaluated without field splitting or globbing. */
export interface TestCommand {
  type: 'testcmd';
  expr: CondExpr;
  redirects: Redirect[];
  line: number;
}

export type CondExpr =
  | { type: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { type: 'not'; expr: CondExpr }
  | { type: 'unary'; op: string; arg: Word }
  | { type: 'binary'; op: string; left: Word; right: Word }
  | { type: 'word'; word: Word };

export interface FunctionDef {
  type: 'function';
  name: string;
  body: Command;
  /** The source text of the definition, for `type f`. */
  text: string;
  line: number;
}

export type CompoundCommand = Group | Subshell | IfCommand | LoopCommand | ForCommand | ArithForCommand | CaseCommand | ArithCommand | TestCommand;

export type Command = SimpleCommand | CompoundCommand | FunctionDef;

export interface Pipeline {
  bang: boolean;
  commands: Command[];
  line: number;
}

export interface AndOr {
  head: Pipeline;
  tail: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface ListItem {
  andor: AndOr;
  background: boolean;
  /** The source text, for job messages (`[1]+ Done  sleep 5`). */
  text: string;
}

export interface Script {
  type: 'script';
  items: ListItem[];
}
