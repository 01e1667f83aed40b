/** RFC3339Nano as the Docker engine prints timestamps ("2026-11-20T09:00:00.123456789Z"). */
export function rfc3339Nano(ms: number, salt = 0): string {
  const iso = new Date(ms).toISOString();
  const nanos = String((ms % 1000) * 1_000_000 + ((salt * 7919) % 1_000_000)).padStart(9, '0');
  return iso.replace(/\.\d{3}Z$/, `.${nanos}Z`);
}
