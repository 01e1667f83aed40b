/**
 * The engine is loaded lazily (it is not in any page's first load), but as early as possible:
 * the download starts when this module is evaluated, in parallel with React's hydration, rather
 * than after it.
 */
type Engine = typeof import('@/engine');

let engine: Promise<Engine> | null = null;

export function loadEngine(): Promise<Engine> {
  engine ??= import('@/engine');
  // A failed download (offline, new deploy) may succeed on retry: do not keep the rejection.
  engine.catch(() => {
    engine = null;
  });
  return engine;
}

if (typeof window !== 'undefined') void loadEngine().catch(() => undefined);
