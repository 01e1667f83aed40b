import { statsOf } from '../../kernel/links/stats';
import type { Link } from '../../kernel/types';

/**
 * What `ip -s` and `ip -s -s` add to a link (iproute2 6.15 ip/ipaddress.c print_stats64):
 * columns sized by size_columns (the widest of the header word and the numbers), each number
 * printed "%*llu " (trailing space), headers padded to the same widths.
 */

function digits(n: number): number {
  return String(n).length;
}

/** Carrier transitions the kernel counted: a veth came up once its peer did (down→up twice), a NIC once. */
function carrierChanges(l: Link): number {
  if (l.kind === 'loopback') return 0;
  return l.kind === 'veth' ? 2 : 1;
}

export function statsLines(l: Link, level: number): string[] {
  const s = statsOf(l);
  const cols = ['*X errors:'.length, 'packets'.length, 'errors'.length, 'dropped'.length, 'heartbt'.length, 'overrun'.length, 'compressed'.length];
  const size = (...vals: number[]) => vals.forEach((v, i) => (cols[i] = Math.max(cols[i]!, digits(v))));
  size(s.rxBytes, s.rxPackets, 0, 0, 0, s.rxMcast, 0);
  size(s.txBytes, s.txPackets, 0, 0, 0, 0, 0);
  const cc = carrierChanges(l);
  if (level > 1) size(0, 0, 0, 0, 0, cc, 0);
  const num = (i: number, v: number) => String(v).padStart(cols[i]!) + ' ';
  const head = (words: string[]) => words.map((w, i) => w.padStart(i === 0 ? cols[0]! - 4 : cols[i]!)).join(' ');
  const out: string[] = [];
  out.push(`    RX: ${head(['bytes', 'packets', 'errors', 'dropped', 'missed', 'mcast', ''])}`);
  out.push(`    ${num(0, s.rxBytes)}${num(1, s.rxPackets)}${num(2, 0)}${num(3, 0)}${num(4, 0)}${num(5, s.rxMcast)}`);
  if (level > 1) {
    out.push(`    RX errors:${''.padStart(cols[0]! - 10)} ${['length', 'crc', 'frame', 'fifo', 'overrun'].map((w, i) => w.padStart(cols[i + 1]!)).join(' ')}`);
    out.push(`${''.padStart(cols[0]! + 5)}${num(1, 0)}${num(2, 0)}${num(3, 0)}${num(4, 0)}${num(5, 0)}`);
  }
  out.push(`    TX: ${head(['bytes', 'packets', 'errors', 'dropped', 'carrier', 'collsns', ''])}`);
  out.push(`    ${num(0, s.txBytes)}${num(1, s.txPackets)}${num(2, 0)}${num(3, 0)}${num(4, 0)}${num(5, 0)}`);
  if (level > 1) {
    out.push(`    TX errors:${''.padStart(cols[0]! - 10)} ${['aborted', 'fifo', 'window', 'heartbt', cc ? 'transns' : ''].map((w, i) => w.padStart(cols[i + 1]!)).join(' ')}`);
    out.push(`${''.padStart(cols[0]! + 5)}${num(1, 0)}${num(2, 0)}${num(3, 0)}${num(4, 0)}${cc ? num(5, cc) : ''}`);
  }
  return out;
}
