import { nextInt, type RngState } from '../../util/rng';

/** SwarmKit's identifiers: 25-character base-36 ids and the join tokens built from them. */

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

export function base36(rng: RngState, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE36[nextInt(rng, 36)];
  return out;
}

/** "SWMTKN-1-<CA fingerprint, 50 base36>-<secret, 25 base36>" (swarmkit ca/config.go GenerateJoinToken). */
export function joinToken(caHash: string, secret: string): string {
  return `SWMTKN-1-${caHash}-${secret}`;
}

export interface ParsedToken {
  caHash: string;
  secret: string;
}

/** Splits a join token; null for a malformed one ("invalid join token"). */
export function parseJoinToken(token: string): ParsedToken | null {
  const m = /^SWMTKN-1-([0-9a-z]{50})-([0-9a-z]{25})$/.exec(token);
  return m ? { caHash: m[1]!, secret: m[2]! } : null;
}
