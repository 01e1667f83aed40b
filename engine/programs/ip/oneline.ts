/**
 * `ip -o` (iproute2 6.15): each record on one line, its line breaks printed as `\`. For addresses
 * a record is one address, prefixed with "INDEX: NAME" (the name without its @ifN); for links the
 * whole block (fidelity-evidence/real-B1-ip-views.txt).
 */

/** One link block (header line first) as a single line. */
export function onelineBlock(lines: string[]): string {
  return lines.join('\\');
}

/**
 * The address records of one `ip addr` block: every `inet`/`inet6` line with its continuation
 * line(s), prefixed with the link's index and bare name.
 */
export function onelineAddrs(block: string[], ifindex: number, name: string): string[] {
  const out: string[] = [];
  let cur: string[] | null = null;
  for (const line of block.slice(1)) {
    if (/^ {4}inet6? /.test(line)) {
      if (cur) out.push(cur.join('\\'));
      cur = [`${ifindex}: ${name}${line}`];
    } else if (cur && /^ {7}/.test(line)) cur.push(line);
    else if (cur) {
      out.push(cur.join('\\'));
      cur = null;
    }
  }
  if (cur) out.push(cur.join('\\'));
  return out;
}
