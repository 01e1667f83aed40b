import type { Place } from './places';

/** What a probe found from one place. */
export interface Outcome {
  pass: boolean;
  message: string;
}

/** One outcome over several places (a service's tasks): it passes only where it passes from each. */
export function acrossPlaces(places: Place[], run: (p: Place) => Outcome): Outcome {
  const results = places.map(run);
  const failed = results.filter((r) => !r.pass);
  if (failed.length === 0) return { pass: true, message: results.length === 1 ? results[0]!.message : `${results[0]!.message} (from all ${results.length} tasks)` };
  const more = failed.length - 1;
  return { pass: false, message: `${failed[0]!.message}${more ? `; fails from ${more} more task${more === 1 ? '' : 's'} too` : ''}` };
}
