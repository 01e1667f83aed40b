/**
 * The engine is loaded lazily (it is not in any page's first load), but as early as possible:
 * the download starts when this module is evaluated, in parallel with React's hydration, rather
 * than after it.
 */
type Engine = typeof import('@/engine');

let engine: Promise<Engine> | null = null;

/**
 * zod (the engine's goal schemas) probes whether it may compile parsers with `Function("")` as
 * each object schema is built. The site's CSP has no 'unsafe-eval' (serve.json), so the probe is
 * a CSP violation every time the engine loads; zod then parses without compiling anyway. Turning
 * that off before the engine's schemas exist avoids the violation; goals are tiny, speed is moot.
 * (One line at the top of engine/checker/goal.ts would do the same without the extra step.)
 */
async function importEngine(): Promise<Engine> {
  const { config } = await import('zod');
  config({ jitless: true });
  return import('@/engine');
}

export function loadEngine(): Promise<Engine> {
  engine ??= importEngine();
  // A failed download (offline, new deploy) may succeed on retry: do not keep the rejection.
  engine.catch(() => {
    engine = null;
  });
  return engine;
}

if (typeof window !== 'undefined') void loadEngine().catch(() => undefined);
