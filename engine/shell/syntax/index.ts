/** The shell's syntax: a lexer and recursive-descent parser producing a typed tree (see ast.ts). */
export type * from './ast';
export { parse, Parser, plainText, failure, type ParseOptions, type ParseResult } from './parser';
export { formatSyntaxError, syntaxErrorText, diagPrefix, type ShellSyntaxError, type Origin } from './errors';
export type { HereDocWarning } from './lexer';
