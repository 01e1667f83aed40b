import type { Signal } from '../util/signal';
/**
 * Lab time for processes that run in the background (a detached container's script, a restart
 * policy's back-off). Each is an async task; it "blocks" when it sleeps on lab time. The clock
 * only moves forward when the foreground asks (a command line's tick, `ping`'s interval, a
 * client waiting for a container), and then every timer due in that window fires in time
 * order, each task running until it blocks again before the next fires. Same commands, same
 * interleaving: transcripts stay deterministic.
 */

interface Timer {
  at: number;
  seq: number;
  wake: (fired: boolean) => void;
}

export interface Clock {
  clock: number;
}

export class Scheduler {
  private timers: Timer[] = [];
  private seq = 0;
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly time: Clock) {}

  now(): number {
    return this.time.clock;
  }

  /** Runs `task` in the background as a process of the lab. */
  spawn(task: () => Promise<unknown>): void {
    this.running++;
    void (async () => {
      try {
        await task();
      } catch {
        // A background task's failure ends that task only; the lab goes on.
      } finally {
        this.blocked();
      }
    })();
  }

  /** A background task waits `ms` of lab time; false if the signal aborts it first. */
  sleep(ms: number, signal?: Signal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    this.blocked();
    return new Promise<boolean>((resolve) => {
      const timer: Timer = {
        at: this.time.clock + Math.max(0, ms),
        seq: ++this.seq,
        wake: (fired) => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve(fired);
        },
      };
      const onAbort = () => {
        const i = this.timers.indexOf(timer);
        if (i >= 0) this.timers.splice(i, 1);
        timer.wake(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(timer);
    });
  }

  private insert(t: Timer): void {
    // Timers stay sorted by (at, seq); most new timers go near the end.
    let i = this.timers.length;
    while (i > 0 && (this.timers[i - 1]!.at > t.at || (this.timers[i - 1]!.at === t.at && this.timers[i - 1]!.seq > t.seq))) i--;
    this.timers.splice(i, 0, t);
  }

  private blocked(): void {
    this.running--;
    if (this.running <= 0) {
      this.running = 0;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once every background task has blocked or ended. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** When the next timer fires, or null if nothing waits on lab time. */
  nextAt(): number | null {
    return this.timers[0]?.at ?? null;
  }

  /** Moves the clock to `t`, firing every timer due on the way, in order. */
  async advanceTo(t: number): Promise<void> {
    await this.idle();
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > t) break;
      this.timers.shift();
      if (next.at > this.time.clock) this.time.clock = next.at;
      next.wake(true);
      await this.idle();
    }
    if (t > this.time.clock) this.time.clock = t;
  }

  /** How many tasks wait on lab time (for tests and the bench). */
  pending(): number {
    return this.timers.length;
  }
}
