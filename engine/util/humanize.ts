/**
 * Human-readable durations and sizes exactly as the docker CLI prints them (go-units v0.5.0,
 * which Docker 28 vendors), plus the Go float formatting they rest on. Go rounds exact ties
 * to even ("1.125" → "1.12") where JavaScript's toPrecision/toFixed round them up, so the
 * digits are computed from the double's exact decimal expansion instead.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * go-units HumanDuration: "Less than a second", "1 second", "N seconds", "About a minute",
 * "N minutes", "About an hour", "N hours", "N days", "N weeks", "N months", "N years".
 * `docker ps` shows it as "Up 3 seconds" and, with " ago" appended, as CREATED.
 */
export function humanDuration(ms: number): string {
  // Go converts with int(), which truncates; durations are whole nanoseconds there, but a
  // fractional millisecond here changes nothing because every threshold is a whole second.
  const seconds = Math.trunc(ms / SECOND);
  if (!(seconds >= 1)) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  // Hours are rounded (1h29m is "About an hour", 1h30m is "2 hours"); the larger units
  // then divide that rounded hour count with Go's integer division.
  const hours = Math.trunc(ms / HOUR + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(Math.trunc(hours / 24) / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(Math.trunc(hours / 24) / 30)} months`;
  // The years branch truncates the hours instead of rounding them, as go-units does.
  return `${Math.trunc(Math.trunc(Math.trunc(ms / HOUR) / 24) / 365)} years`;
}

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;

/**
 * go-units HumanSizeWithPrecision(size, precision), three digits unless told (HumanSize uses four): decimal units, no space:
 * "0B", "512B", "1.5kB", "7.8MB", "192MB". Like Docker 28 it prints "1e+03MB" for sizes that
 * round up to the next thousand (999.5MB–999.999MB); go-units only special-cased that later.
 */
export function humanSize(bytes: number, precision = 3): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return formatGoFloat(size, 'g', precision) + DECIMAL_UNITS[unit];
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

/** go-units BytesSize: binary units, four significant digits ("3.605MiB", "23.48GiB"). */
export function bytesSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < BINARY_UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  return formatGoFloat(size, 'g', 4) + BINARY_UNITS[unit];
}

/** A finite non-negative double as decimal digits: value = 0.<digits> × 10^dp, no trailing zeros. */
interface Decimal {
  digits: string;
  dp: number;
}

/** The exact decimal expansion of a finite double's magnitude (doubles are dyadic, so it terminates). */
function exactDecimal(x: number): Decimal {
  const v = Math.abs(x);
  if (v === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) {
    exp2 = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp2 >= 0) {
    digits = (mantissa << BigInt(exp2)).toString();
    dp = digits.length;
  } else {
    // m·2^e = m·5^-e / 10^-e
    digits = (mantissa * 5n ** BigInt(-exp2)).toString();
    dp = digits.length + exp2;
  }
  return trimZeros({ digits, dp });
}

function trimZeros(d: Decimal): Decimal {
  let end = d.digits.length;
  while (end > 0 && d.digits[end - 1] === '0') end--;
  return end === 0 ? { digits: '', dp: 0 } : { digits: d.digits.slice(0, end), dp: d.dp };
}

/** Go's strconv decimal rounding to `nd` digits: half-way cases go to the even digit. */
function roundDecimal(d: Decimal, nd: number): Decimal {
  const { digits } = d;
  if (nd < 0 || nd >= digits.length) return d;
  const next = digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === digits.length) {
    up = nd > 0 && (digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = next >= 5;
  }
  if (!up) return trimZeros({ digits: digits.slice(0, nd), dp: d.dp });
  let i = nd - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: d.dp + 1 }; // 999 → 1000
  return { digits: digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1), dp: d.dp };
}

/** Shortest digits that read back as the same double (what Go's strconv does with precision -1). */
function shortestDecimal(x: number): Decimal {
  const v = Math.abs(x);
  if (v === 0) return { digits: '', dp: 0 };
  const [mant = '', exp = '0'] = v.toExponential().split('e');
  return trimZeros({ digits: mant.replace('.', ''), dp: Number(exp) + 1 });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i]! : '0';
}

function fmtE(d: Decimal, prec: number, neg: boolean): string {
  let out = neg ? '-' : '';
  out += d.digits.length === 0 ? '0' : d.digits[0];
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${out}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(d: Decimal, prec: number, neg: boolean): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) out += digitAt(d, i);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, d.dp + i - 1);
  }
  return out;
}

/**
 * Go's strconv.FormatFloat(x, fmt, prec, 64) for 'e', 'f' and 'g'; prec -1 means "shortest
 * that round-trips" (what fmt's %v uses). Exported for the template engine's printf.
 */
export function formatGoFloat(x: number, fmt: 'e' | 'f' | 'g', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(x);
    if (fmt === 'e') prec = Math.max(d.digits.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(d.digits.length - d.dp, 0);
    else prec = d.digits.length;
  } else {
    d = exactDecimal(x);
    if (fmt === 'e') d = roundDecimal(d, prec + 1);
    else if (fmt === 'f') d = roundDecimal(d, d.dp + prec);
    else {
      if (prec === 0) prec = 1;
      d = roundDecimal(d, prec);
    }
  }
  if (fmt === 'e') return fmtE(d, prec, neg);
  if (fmt === 'f') return fmtF(d, prec, neg);
  // %g picks %e for large and tiny exponents, then drops the trailing zeros %e/%f would add.
  let eprec = prec;
  if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > d.digits.length) prec = d.digits.length;
    return fmtE(d, Math.max(prec - 1, 0), neg);
  }
  if (prec > d.dp) prec = d.digits.length;
  return fmtF(d, Math.max(prec - d.dp, 0), neg);
}
