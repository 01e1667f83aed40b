import type { PruneFilters } from '../../../docker/api';
import type { Proc } from '../../../shell/types';
import { humanSize } from '../../../util/humanize';
import { parseFilters } from './common';

/** The output blocks of the prune commands (docker/cli@v28.5.2 cli/command/{container,network,image,system}/prune.go). */

/** "Deleted Containers:\n<id>…\n" then Fprintln's newline; nothing when nothing was removed. */
export function printDeleted(p: Proc, title: string, lines: string[]): void {
  if (lines.length > 0) p.out(`${title}\n${lines.map((l) => `${l}\n`).join('')}\n`);
}

/** units.HumanSize: four significant digits ("1.093kB", "8.31MB", "0B"). */
export function printReclaimed(p: Proc, bytes: number): void {
  p.out(`Total reclaimed space: ${humanSize(bytes, 4)}\n`);
}


/** --filter values as the API gets them; null after the CLI's "bad format of filter" error. */
export function pruneFilters(p: Proc, raw: string[]): PruneFilters | null {
  const m = parseFilters(p, raw);
  return m ? Object.fromEntries(m) : null;
}
