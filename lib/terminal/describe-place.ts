/** A Run block's place in words (client-safe: no parser comes with it, see run-place.ts). */

export interface RunPlace {
  host: string;
  /** The container shell the block runs in; name null when Docker picks the name. */
  container: { name: string | null; image: string | null } | null;
}

/** "host1", "container c1 on host1", "the alpine container on host1". */
export function describePlace(place: RunPlace): string {
  if (!place.container) return place.host;
  const { name, image } = place.container;
  return name ? `container ${name} on ${place.host}` : `the ${image ?? 'new'} container on ${place.host}`;
}
