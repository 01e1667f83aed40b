import type { ImageSpec } from '../types';

/**
 * Layer identities of an image: the blob digests `docker pull` shows (12 hex each), the diff
 * IDs of `docker image inspect` RootFS, and the chain IDs `docker image prune` deletes. Real
 * ones are independent SHA-256 values; these are stable per image and look the part.
 */

/** 64 hex digits from a string: FNV-1a seeds a mulberry32 stream. */
export function hexDigest(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  let out = '';
  while (out.length < 64) {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

function layerCount(spec: ImageSpec): number {
  return spec.layers.filter((l) => !l.empty).length;
}

/** What `docker pull` prints per layer: the first 12 hex of each blob digest. */
export function blobIds(spec: ImageSpec): string[] {
  return Array.from({ length: layerCount(spec) }, (_, i) => hexDigest(`${spec.digest}/blob/${i}`).slice(0, 12));
}

/** RootFS.Layers, bottom first. */
export function diffIds(spec: ImageSpec): string[] {
  return Array.from({ length: layerCount(spec) }, (_, i) => `sha256:${hexDigest(`${spec.digest}/diff/${i}`)}`);
}

/** Chain IDs, top layer first (the order the layer store releases them); the bottom one is its diff ID. */
export function chainIds(spec: ImageSpec): string[] {
  const chain: string[] = [];
  for (const diff of diffIds(spec)) chain.push(chain.length === 0 ? diff : `sha256:${hexDigest(`${chain[chain.length - 1]} ${diff}`)}`);
  return chain.reverse();
}
