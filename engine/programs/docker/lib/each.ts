import type { DaemonApi, DResult } from '../../../docker/api';
import type { ContainerRec } from '../../../docker/types';
import type { Proc } from '../../../shell/types';
import { daemonError } from './common';

/** A container by reference, or null after printing the daemon's error. */
export function lookup(p: Proc, d: DaemonApi, ref: string): ContainerRec | null {
  const c = d.container(ref);
  if (!c.ok) {
    daemonError(p, c.error);
    return null;
  }
  return c.value;
}

/** Applies a daemon call to each named container; echoes each name as typed on success, as Docker does. */
export async function eachContainer(p: Proc, d: DaemonApi, refs: string[], act: (c: ContainerRec) => DResult<null> | Promise<DResult<null>>): Promise<number> {
  let status = 0;
  for (const ref of refs) {
    const c = lookup(p, d, ref);
    if (!c) {
      status = 1;
      continue;
    }
    const res = await act(c);
    p.rt.changed();
    if (!res.ok) {
      status = daemonError(p, res.error);
      continue;
    }
    p.out(`${ref}\n`);
  }
  return status;
}
