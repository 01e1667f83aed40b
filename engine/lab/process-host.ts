import type { ProcessHost } from '../docker/api';
import type { Scheduler } from '../kernel/scheduler';
import { shellContext } from '../shell/contexts';
import { execArgv } from '../shell/exec';
import type { SessionControl } from '../shell/types';
import { backgroundRuntime, type RuntimeBase } from './background';

/** A background process has no terminal: it cannot enter containers or other hosts. */
const NO_SESSION: SessionControl = {
  push: () => undefined,
  pop: () => null,
  depth: () => 1,
  history: () => [],
  requestClear: () => undefined,
};

/**
 * How daemons run processes inside containers: through the shell, in the container's context, on
 * lab time (sleeps and the interpreter's yields wait on the scheduler), so
 * `sh -c 'while true; do date; sleep 5; done'` prints a line every 5 s of lab time, forever.
 */
export function shellProcessHost(base: RuntimeBase, sched: Scheduler): ProcessHost {
  return {
    run: (hostName, c, argv, io) => {
      const rt = backgroundRuntime(base, sched, io.sleep);
      return execArgv({ rt, session: NO_SESSION, lastExit: 0, nested: true }, shellContext(hostName, c, false), argv, {
        out: io.out,
        err: io.err,
        signal: io.signal,
      });
    },
  };
}
