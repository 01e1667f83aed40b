import type { Scheduler } from '../kernel/scheduler';
import type { Runtime } from '../shell/types';

/** What every runtime of a lab shares (the foreground's and the background processes'). */
export type RuntimeBase = Omit<Runtime, 'sleep' | 'until' | 'pacing' | 'yieldTurn' | 'spawn' | 'background'>;

/**
 * Lab time a background shell spends each time it yields (after a few hundred steps): a busy loop
 * in a detached container (`while :; do :; done`) runs about 100 slices per second of lab time and
 * then waits for the clock, so it never holds the scheduler and the foreground stays quick.
 */
export const SLICE_MS = 10;

/** Starts `task` as a process of the lab (the clock waits for it to block) and resolves with its status. */
export function spawnOn(sched: Scheduler, task: () => Promise<number>): Promise<number> {
  return new Promise((resolve) => {
    sched.spawn(async () => {
      let status = 1;
      try {
        status = await task();
      } finally {
        resolve(status);
      }
    });
  });
}

/**
 * The runtime of a background process (a container's main process, a job started with `&`): its
 * sleeps and yields wait on the scheduler's lab time. `sleep` may bind a default signal (the
 * container's, so `docker stop` ends the wait).
 */
export function backgroundRuntime(base: RuntimeBase, sched: Scheduler, sleep: Runtime['sleep'] = (ms, signal) => sched.sleep(ms, signal)): Runtime {
  const rt: Runtime = {
    ...base,
    pacing: 'instant',
    background: true,
    sleep,
    until: async <T,>(p: Promise<T>, signal?: AbortSignal): Promise<T | 'aborted'> => {
      if (signal?.aborted) return 'aborted';
      return p;
    },
    yieldTurn: async (signal) => {
      await sleep(SLICE_MS, signal);
    },
    spawn: (task) => spawnOn(sched, () => task(backgroundRuntime(base, sched))),
  };
  return rt;
}
