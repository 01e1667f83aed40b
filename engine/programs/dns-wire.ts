import type { Proc } from '../shell/types';

/** Sizes and ids of DNS messages, for the tools that print them (dig, drill). */

/** A name's length on the wire: one length byte per label, the labels, the root's zero byte. */
export function nameLength(name: string): number {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return labels.reduce((n, l) => n + 1 + l.length, 0) + 1;
}

export interface WireAnswer {
  /** Owner name of the record. */
  name: string;
  /** A (4 bytes of data) or PTR (a name). */
  rdata: { a: string } | { ptr: string };
}

/**
 * A reply's size: header, the question, each answer (its owner name written out, or a 2-byte
 * pointer when the message is compressed), and an OPT record (11 bytes) if there is one.
 * Docker's own replies are neither compressed nor EDNS: `web.` A is 40 bytes (moby resolver.go).
 */
export function replySize(qname: string, answers: WireAnswer[], compressed: boolean, opt: boolean): number {
  let n = 12 + nameLength(qname) + 4;
  for (const a of answers) {
    n += (compressed ? 2 : nameLength(a.name)) + 10;
    n += 'a' in a.rdata ? 4 : compressed ? ptrCompressed(a.rdata.ptr, qname) : nameLength(a.rdata.ptr);
  }
  return n + (opt ? 11 : 0);
}

/** A PTR target that shares no suffix with the question is written out in full. */
function ptrCompressed(target: string, _qname: string): number {
  return nameLength(target);
}

/** A query id: random-looking, stable for the same moment and question (the lab's random stream stays untouched). */
export function queryId(p: Proc, name: string): number {
  let h = Math.floor(p.rt.world.clock / 1000) >>> 0;
  for (const ch of name) h = (Math.imul(h, 33) + ch.charCodeAt(0)) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return h % 65536;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** strftime "%a %b %d %H:%M:%S %Z %Y" (dig's WHEN); drill leaves the zone out. */
export function whenLine(ms: number, zone: boolean): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${time}${zone ? ' UTC' : ''} ${d.getUTCFullYear()}`;
}

/** "2.0.18.172.in-addr.arpa" for 172.18.0.2. */
export function arpaOf(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}
