/** bash's `$'…'` strings: C escapes, octal, hex, Unicode and control characters. */

const ANSI: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?',
});

/** Reads the body of `$'…'` from `start` (just after the quote): the text and where it ended, or null if unterminated. */
export function readAnsiC(src: string, start: number): { text: string; end: number } | null {
  let out = '';
  let pos = start;
  for (;;) {
    const c = src[pos];
    if (c === undefined) return null;
    if (c === "'") return { text: out, end: pos + 1 };
    if (c !== '\\') {
      out += c;
      pos++;
      continue;
    }
    const n = src[pos + 1] ?? '';
    const rest = src.slice(pos + 2, pos + 10);
    let m: RegExpExecArray | null;
    if (Object.hasOwn(ANSI, n)) {
      out += ANSI[n];
      pos += 2;
    } else if (/[0-7]/.test(n) && (m = /^[0-7]{0,2}/.exec(rest))) {
      out += String.fromCharCode(parseInt(n + m[0], 8) & 255);
      pos += 2 + m[0].length;
    } else if (n === 'x' && (m = /^[0-9a-fA-F]{1,2}/.exec(rest))) {
      out += String.fromCharCode(parseInt(m[0], 16));
      pos += 2 + m[0].length;
    } else if ((n === 'u' || n === 'U') && (m = (n === 'u' ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(rest))) {
      const cp = parseInt(m[0], 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      pos += 2 + m[0].length;
    } else if (n === 'c' && rest[0] !== undefined) {
      out += String.fromCharCode(rest[0].toUpperCase().charCodeAt(0) & 31);
      pos += 3;
    } else {
      out += '\\' + n;
      pos += 2;
    }
  }
}
