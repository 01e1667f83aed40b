import type { WalkResult } from '../kernel/deliver';
import type { KernelWorld as WorldState } from '../kernel/world';
import { nextFloat } from '../util/rng';

/** A plausible round-trip time for a walk: microseconds on a bridge, milliseconds past the LAN router. */
export function rttMs(world: WorldState, there: WalkResult, back: WalkResult | null): number {
  const trail = [...there.trail, ...(back?.trail ?? [])];
  const internet = trail.some((t) => t.startsWith('internet:'));
  const lan = (there.ok ? there.lanHops : 0) + (back?.ok ? back.lanHops : 0) > 0;
  const base = internet ? 11.2 : lan ? 0.32 : 0.03 + 0.006 * trail.length;
  const jitter = internet ? 2.5 : lan ? 0.2 : 0.04;
  return base + nextFloat(world.rng) * jitter;
}

/** busybox prints every time with three decimals; iputils with fewer as the number grows. */
export function fmtMs(ms: number, busybox = false): string {
  if (busybox) return ms.toFixed(3);
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(3);
}
