import type { ProcessHost } from '../docker/api';
import { shellContext } from '../shell/contexts';
import { execArgv } from '../shell/exec';
import type { Runtime, SessionControl } from '../shell/types';

/** A background process has no terminal: it cannot enter containers or other hosts. */
const NO_SESSION: SessionControl = {
  push: () => undefined,
  pop: () => null,
  depth: () => 1,
  history: () => [],
  requestClear: () => undefined,
};

/**
 * How daemons run processes inside containers: through the shell, in the container's context,
 * with lab-time sleeps, so `sh -c 'while true; do date; sleep 5; done'` prints on lab time.
 */
export function shellProcessHost(base: Omit<Runtime, 'sleep' | 'until' | 'pacing'>): ProcessHost {
  return {
    run: (hostName, c, argv, io) => {
      const rt: Runtime = {
        ...base,
        pacing: 'instant',
        sleep: io.sleep,
        until: async <T,>(p: Promise<T>, signal?: AbortSignal): Promise<T | 'aborted'> => {
          if (signal?.aborted) return 'aborted';
          return p;
        },
      };
      return execArgv({ rt, session: NO_SESSION, lastExit: 0, nested: true }, shellContext(hostName, c, false), argv, {
        out: io.out,
        err: io.err,
        signal: io.signal,
      });
    },
  };
}
