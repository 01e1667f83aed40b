/**
 * Cancellation inside the engine (Ctrl-C, a full pipe, a stopped container). An AbortSignal from
 * the page satisfies `Signal`; the engine's own are `Cancel`s: a plain object with a listener
 * list, because an AbortController costs an EventTarget each and a pipeline makes one per stage
 * (profiled: a third of a short pipeline's time went to creating and collecting them).
 */

export interface Signal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A signal and its trigger in one. Listeners run once, in the order they were added. */
export class Cancel implements Signal {
  aborted = false;
  private listeners: (() => void)[] | null = null;

  get signal(): Signal {
    return this;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.aborted) (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const ls = this.listeners;
    if (!ls) return;
    const i = ls.indexOf(listener);
    if (i >= 0) ls.splice(i, 1);
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const ls = this.listeners;
    this.listeners = null;
    if (!ls) return;
    // Every listener runs even if one throws (as an EventTarget does); the first error is rethrown.
    let failure: { error: unknown } | null = null;
    for (const l of ls) {
      try {
        l();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

/** A signal that never aborts and keeps no listeners (a line typed without Ctrl-C wired up). */
export const NEVER: Signal = {
  aborted: false,
  addEventListener: () => {},
  removeEventListener: () => {},
};

/** Aborts with `parent` or on its own `abort()`; `release()` unhooks it from the parent. */
export class ChildCancel extends Cancel {
  private readonly follow = () => this.abort();

  constructor(private readonly parent: Signal) {
    super();
    if (parent.aborted) this.abort();
    else parent.addEventListener('abort', this.follow, { once: true });
  }

  release(): void {
    this.parent.removeEventListener('abort', this.follow);
  }
}

/**
 * Aborts when any of `signals` does (AbortSignal.any for engine signals). `release()` unhooks it,
 * so a wait repeated every second does not pile listeners on a long-lived signal.
 */
export function anyOf(signals: readonly Signal[]): { signal: Signal; release(): void } {
  const c = new Cancel();
  const fire = () => {
    release();
    c.abort();
  };
  const release = () => {
    for (const s of signals) s.removeEventListener('abort', fire);
  };
  for (const s of signals) {
    if (s.aborted) {
      fire();
      break;
    }
    s.addEventListener('abort', fire, { once: true });
  }
  return { signal: c, release };
}
