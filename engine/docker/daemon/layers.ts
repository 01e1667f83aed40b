import type { ImageSpec } from '../types';

/**
 * Layer identities of an image: the diff IDs of `docker image inspect` RootFS and the chain IDs
 * `docker image prune` and `docker rmi` delete, derived as the layer store does from the
 * catalogue's layer digests.
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

/** RootFS.Layers, bottom first: the catalogue's layer digests (a shared base layer is shared). */
export function diffIds(spec: ImageSpec): string[] {
  return spec.layerDigests;
}

/** Chain IDs, top layer first (the order the layer store releases them); the bottom one is its diff ID. */
export function chainIds(spec: ImageSpec): string[] {
  const chain: string[] = [];
  for (const diff of diffIds(spec)) chain.push(chain.length === 0 ? diff : `sha256:${hexDigest(`${chain[chain.length - 1]} ${diff}`)}`);
  return chain.reverse();
}
