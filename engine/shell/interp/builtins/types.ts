import type { IO } from '../io';
import type { Shell } from '../shell';

/** A builtin: argv[0] is its name; it reads and writes the shell's descriptors and returns a status. */
export type Builtin = (sh: Shell, argv: string[], io: IO) => Promise<number>;
