/**
 * The seed of a new lab. Each fresh lab gets a random one, so container IDs, MACs and veth names
 * differ from lab to lab as they do between real machines. Tests and demos fix it with the URL
 * query parameter `?seed=N` (an unsigned 32-bit integer): the same seed and commands give the
 * same transcript. The seed is part of the lab's snapshot, so a restored lab keeps its own.
 */
export function labSeed(search: string = typeof window === 'undefined' ? '' : window.location.search): number {
  const fixed = new URLSearchParams(search).get('seed');
  if (fixed !== null && /^\d{1,10}$/.test(fixed) && Number(fixed) <= 0xffffffff) return Number(fixed);
  const random = new Uint32Array(1);
  globalThis.crypto.getRandomValues(random);
  return random[0] as number;
}
