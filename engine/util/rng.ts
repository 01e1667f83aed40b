/**
 * The lab's seeded random source. The state is one uint32 so that it survives JSON snapshots;
 * mulberry32 is enough for ids and MACs (nothing here is security-sensitive).
 */
export interface RngState {
  s: number;
}

export function seedRng(seed: number): RngState {
  return { s: (seed ^ 0x9e3779b9) >>> 0 };
}

/** A float in [0, 1). Advances the state. */
export function nextFloat(st: RngState): number {
  st.s = (st.s + 0x6d2b79f5) >>> 0;
  let t = st.s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [0, n). */
export function nextInt(st: RngState, n: number): number {
  return Math.floor(nextFloat(st) * n);
}

const HEX = '0123456789abcdef';

/** `length` hex digits, each nextInt(st, 16) (the draw inlined: ids are made on every docker run and connect). */
export function randomHex(st: RngState, length: number): string {
  let out = '';
  let s = st.s;
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // floor(u / 2^32 * 16) is u's top four bits.
    out += HEX[((t ^ (t >>> 14)) >>> 0) >>> 28];
  }
  st.s = s;
  return out;
}

/** A 64-hex id whose 12-char prefix is never all digits (Docker re-rolls those, so short ids never look like numbers). */
export function randomId(st: RngState): string {
  for (;;) {
    const id = randomHex(st, 64);
    if (!/^\d{12}/.test(id)) return id;
  }
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
/** Swarm-style 25-char base-36 id (node, service, overlay network ids). */
export function randomSwarmId(st: RngState): string {
  let out = '';
  for (let i = 0; i < 25; i++) out += BASE36[nextInt(st, 36)];
  return out;
}

/** A random locally administered unicast MAC, as Docker 28 gives endpoints and bridges. */
export function randomMac(st: RngState): string {
  const bytes: number[] = [];
  for (let i = 0; i < 6; i++) bytes.push(nextInt(st, 256));
  bytes[0] = (bytes[0]! & 0xfc) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
