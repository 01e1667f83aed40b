import { renderHelp, type CommandSpec, type ParseResult } from './cli/flags';
import type { Proc } from '../../shell/types';

/** --help output, or the parse error with its exit code. */
export function showHelpOrError(p: Proc, spec: CommandSpec, r: ParseResult): number {
  if (!r.ok) {
    p.err(`${r.error}\n`);
    return r.exitCode;
  }
  p.out(renderHelp(spec));
  return 0;
}
