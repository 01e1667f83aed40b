import type { IO } from './io';
import { readonlyText, tooLargeText } from './messages';
import type { Shell } from './shell';
import { ReadonlyError, TooLargeError } from './state';

/** Sets a shell variable, turning a readonly or oversized value into the shell's fatal error. */
export function assignVar(sh: Shell, io: IO, name: string, value: string): void {
  try {
    sh.state.vars.set(name, value, { allexport: sh.state.options.allexport });
  } catch (e) {
    if (e instanceof ReadonlyError) {
      const [text, status] = readonlyText(sh.shell, name);
      sh.fatal(io, text, status);
    }
    if (e instanceof TooLargeError) sh.fatal(io, tooLargeText(name, e.size), 1, true);
    throw e;
  }
}
