/** Go time formats the docker CLI prints, on the lab clock (UTC). */

/** The sub-millisecond part of a lab timestamp, as util/gotime's rfc3339Nano makes it. */
export function subMsNanos(salt: number): number {
  return (salt * 7919) % 1_000_000;
}

/** time.Time.String(): "2026-11-19 07:00:00.000031676 +0000 UTC", fraction trimmed of zeros. */
export function goTimeString(ms: number, salt: number): string {
  const iso = new Date(ms).toISOString();
  const nanos = String((ms % 1000) * 1_000_000 + subMsNanos(salt)).padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${nanos ? `.${nanos}` : ''} +0000 UTC`;
}

/** rfc3339NanoFixed (docker/cli events.go, moby write_log_stream.go): always nine digits. */
export function rfc3339NanoFixed(ms: number, nanosInMs: number): string {
  const iso = new Date(ms).toISOString();
  const nanos = String((ms % 1000) * 1_000_000 + nanosInMs).padStart(9, '0');
  return `${iso.slice(0, 19)}.${nanos}Z`;
}
