/**
 * Stable, independent-looking 64-hex digests for the catalogue's images and layers. Real digests
 * are sha256 of content the lab does not have; what matters to a learner is that every layer and
 * image has its own value (not windows of one string) and that it never changes between runs.
 */
export function hex64(seed: string): string {
  let out = '';
  for (let word = 0; word < 8; word++) {
    // FNV-1a over the seed and the word index, then a murmur3 finaliser to spread the bits.
    let h = 0x811c9dc5 ^ Math.imul(word + 1, 0x9e3779b1);
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

export function sha256Of(seed: string): string {
  return `sha256:${hex64(seed)}`;
}
