/**
 * The Set() checks of docker's custom flag values, so a bad value gets docker's own error
 * (pflag wraps it as `invalid argument "x" for "--memory" flag: …`).
 */

/** go-units RAMInBytes (MemBytes: --memory, --shm-size…): "512m", "1.5GiB", "100". */
export function checkBytes(value: string): string | null {
  let sep = -1;
  for (let i = value.length - 1; i >= 0; i--) {
    if ('01234567890. '.includes(value[i]!)) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return `invalid size: '${value}'`;
  const num = value[sep] === ' ' ? value.slice(0, sep) : value.slice(0, sep + 1);
  const sfx = value.slice(sep + 1).toLowerCase();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(num)) return `strconv.ParseFloat: parsing ${JSON.stringify(num)}: invalid syntax`;
  if (Number(num) < 0) return `invalid size: '${value}'`;
  if (sfx === '' || sfx === 'b') return null;
  const ok = sfx.length <= 3 && 'kmgtp'.includes(sfx[0]!) && (sfx.length === 1 || sfx.slice(1) === 'b' || sfx.slice(1) === 'ib');
  return ok ? null : `invalid suffix: '${value.slice(sep + 1)}'`;
}

/** MemSwapBytes: like MemBytes, and "-1" means unlimited. */
export function checkSwapBytes(value: string): string | null {
  return value === '-1' ? null : checkBytes(value);
}

/** NanoCPUs (--cpus): a rational number with at most nine decimals. */
export function checkCpus(value: string): string | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  const frac = /^[+-]?\d+\/\d+$/.test(value);
  if (frac) return null;
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return `failed to parse ${value} as a rational number`;
  const decimals = (m[3] ?? '').replace(/0+$/, '').length - Number(m[4] ?? 0);
  return decimals > 9 ? 'value is too precise' : null;
}

export { checkDuration } from '../../../util/timestamp';
