import type { Scheduler } from '../kernel/scheduler';
import type { Runtime } from '../shell/types';
import type { Signal } from '../util/signal';

/** What every runtime of a lab shares (the foreground's and the background processes'). */
export type RuntimeBase = Omit<Runtime, 'sleep' | 'until' | 'pacing' | 'yieldTurn' | 'spawn' | 'background'>;

/**
 * Lab time a background shell pays each time it yields (after 512 steps without sleeping): a busy
 * loop in a detached container (`while :; do :; done`) gets one slice of work (a few ms of real
 * time) per 100 ms of lab time, then waits for the clock. It never holds the scheduler, and a lab
 * second costs the page some 5% of a real second per busy container.
 */
export const SLICE_MS = 100;

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
export function backgroundRuntime(base: RuntimeBase, sched: Scheduler, wait: Runtime['sleep'] = (ms, signal) => sched.sleep(ms, signal)): Runtime {
  // A process that slept since its last yield was not busy: its yield costs no lab time, so
  // `while :; do date; sleep 5; done` prints exactly every 5 s however long it runs.
  let slept = false;
  const rt: Runtime = {
    ...base,
    pacing: 'instant',
    background: true,
    sleep: (ms, signal) => {
      slept = true;
      return wait(ms, signal);
    },
    until: async <T,>(p: Promise<T>, signal?: Signal): Promise<T | 'aborted'> => {
      if (signal?.aborted) return 'aborted';
      return p;
    },
    yieldTurn: async (signal) => {
      if (slept) slept = false;
      else await wait(SLICE_MS, signal);
    },
    spawn: (task) => spawnOn(sched, () => task(backgroundRuntime(base, sched))),
  };
  return rt;
}
