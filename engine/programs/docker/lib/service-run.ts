import type { EngineApi } from '../../../docker/api';
import type { Proc } from '../../../shell/types';
import { waitOnService } from './service-progress';

/** What the service verbs share once the daemon has answered: waiting, and saying what the lab leaves out. */

/** Flags that change nothing a learner can see in the lab: accepted without a word. */
const QUIET = new Set(['detach', 'quiet', 'withRegistryAuth', 'noResolveImage', 'help']);

/**
 * One `sim:` line naming the given flags the lab does not model (resources, health checks,
 * restart and update policies, mounts, secrets…), or null.
 */
export function unmodeledNote(flags: Record<string, { spec: { name: string } }>, changed: (key: string) => boolean, what: string, modeled: readonly string[]): string | null {
  const names = Object.entries(flags)
    .filter(([key]) => !QUIET.has(key) && !modeled.includes(key) && changed(key))
    .map(([, f]) => `--${f.spec.name}`);
  if (names.length === 0) return null;
  return `sim: this lab does not model ${names.join(', ')}; the ${what} runs without ${names.length === 1 ? 'it' : 'them'}\n`;
}

/** WaitOnService and its exit status: 0 once converged, 1 with Docker's error, 130 after Ctrl-C. */
export async function finishWait(p: Proc, d: EngineApi, ref: string, quiet: boolean): Promise<number> {
  const r = await waitOnService(p, d, ref, quiet);
  if (r.ok) return 0;
  if ('aborted' in r) return 130;
  p.err(`${r.error}\n`);
  return 1;
}
