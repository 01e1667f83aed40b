/** The shell interpreter's face for the rest of the engine (see README.md for the design). */
export type { ExecRequest, ShellHost, Sink } from './host';
export { needsMoreInput, runInteractive, runScript, stateFromEnv, type LineResult, type RunOptions } from './run';
export { execTerminalLine, stateFor, type TerminalContext, type TerminalIO, type TerminalOptions } from './terminal';
export { newState, MAX_VALUE, type ShellState } from './state';
export { defaultLimits, type Limits } from './shell';
export { builtinNames } from './builtins/index';
