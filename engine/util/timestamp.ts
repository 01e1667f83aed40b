/**
 * Docker's time arguments, shared by the CLI (--since/--until) and the daemon (prune's until=).
 */

/** Go's time.ParseDuration. */
export function checkDuration(value: string): string | null {
  const quoted = JSON.stringify(value);
  let s = value.replace(/^[+-]/, '');
  if (s === '0') return null;
  if (s === '') return `time: invalid duration ${quoted}`;
  while (s !== '') {
    const m = /^(\d*)(\.\d*)?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') return `time: invalid duration ${quoted}`;
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === '') return `time: missing unit in duration ${quoted}`;
    if (!['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'].includes(u)) return `time: unknown unit ${JSON.stringify(u)} in duration ${quoted}`;
    s = s.slice(u.length);
  }
  return null;
}

/**
 * --since/--until as docker/cli sends them (moby api/types/time GetTimestamp): a Go duration
 * back from now (whole seconds), an RFC 3339 date or time, or Unix seconds. The result is
 * nanoseconds since the epoch; a string is docker's error text.
 */
export function parseTimestamp(value: string, nowMs: number): bigint | string {
  if (value !== '0' && checkDuration(value) === null) return (BigInt(Math.trunc(nowMs / 1000)) - BigInt(Math.trunc(durationMs(value) / 1000))) * 1_000_000_000n;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(value);
  if (iso) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = iso;
    const base = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone.toUpperCase() === 'Z' ? 'Z' : zone}`);
    if (Number.isNaN(base)) return `parsing time ${JSON.stringify(value)}: month or day out of range`;
    return BigInt(base) * 1_000_000n + BigInt(frac.padEnd(9, '0') || '0');
  }
  if (value.includes('-')) return `parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(value)} as "2006"`;
  const unix = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!unix) return `failed to parse value as time or duration: ${JSON.stringify(value)}`;
  const nanos = (unix[2] ?? '').slice(0, 9).padEnd(9, '0');
  return BigInt(unix[1]!) * 1_000_000_000n + BigInt(nanos);
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A valid Go duration in milliseconds. */
function durationMs(value: string): number {
  const sign = value.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const m of value.replace(/^[+-]/, '').matchAll(/(\d*\.?\d*)([a-zµμ]+)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return sign * total;
}

/** Go's time.ParseDuration in milliseconds, or its error text. */
export function goDurationMs(value: string): number | string {
  const problem = checkDuration(value);
  return problem === null ? durationMs(value) : problem;
}

/** A lab event's instant in nanoseconds. */
export function eventNanos(time: number, nano: number): bigint {
  return BigInt(time) * 1_000_000n + BigInt(nano);
}
