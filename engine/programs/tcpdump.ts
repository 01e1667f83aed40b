import { openTap, type CapturedFrame, type CapturedPayload } from '../kernel/taps';
import { linkByName } from '../kernel/netns';
import { nsOf, type Program, type Proc } from '../shell/types';
import { waitWhile } from './serve';

/**
 * tcpdump 4.99 over the kernel's capture hooks (kernel/taps.ts): `-i IF|any`, `-c N`, `-n`/`-nn`
 * (names are never looked up here, so every run prints addresses), `-e` (link-level header), and
 * a filter of pcap primitives joined by `and`: a protocol (`icmp udp tcp arp esp`), `[src|dst]
 * host A`, `[tcp|udp] [src|dst] port N`, each optionally preceded by `not`. Lines follow
 * print-ip.c, print-icmp.c, print-udp.c, print-vxlan.c (UDP 4789 is decoded as VXLAN, then the
 * inner frame) and print-esp.c. It runs until -c packets or Ctrl-C, then prints its counters.
 */

type Test = (f: CapturedPayload) => boolean;

function primitive(words: string[]): Test | string {
  let neg = false;
  if (words[0] === 'not' || words[0] === '!') {
    neg = true;
    words = words.slice(1);
  }
  let proto: string | null = null;
  if (['icmp', 'udp', 'tcp', 'arp', 'esp', 'ip'].includes(words[0] ?? '')) proto = words.shift()!;
  let dir: 'src' | 'dst' | null = null;
  if (words[0] === 'src' || words[0] === 'dst') dir = words.shift() as 'src' | 'dst';
  const kind = words.shift() ?? null;
  const value = words.shift() ?? null;
  if (words.length > 0 || (kind !== null && value === null) || (kind !== null && kind !== 'host' && kind !== 'port')) return `syntax error in filter expression`;
  if (kind === 'port' && !/^\d+$/.test(value ?? '')) return `illegal port number ${value}`;
  const t: Test = (f) => {
    const ip = f.ip;
    if (proto === 'arp') return f.ethertype === 'arp';
    if (proto && !ip) return false;
    if (proto === 'esp' && ip?.proto !== 'esp') return false;
    if (proto && proto !== 'ip' && proto !== 'esp' && ip?.proto !== proto) return false;
    if (kind === 'host') {
      const addrs = ip ? [ip.src, ip.dst] : f.arp ? [f.arp.senderIp, f.arp.targetIp] : [];
      const pick = dir === 'src' ? [addrs[0]] : dir === 'dst' ? [addrs[1]] : addrs;
      return pick.includes(value!);
    }
    if (kind === 'port') {
      const ports = ip ? [ip.sport, ip.dport] : [];
      const pick = dir === 'src' ? [ports[0]] : dir === 'dst' ? [ports[1]] : ports;
      return pick.includes(Number(value));
    }
    return true;
  };
  return neg ? (f) => !t(f) : t;
}

export function parseFilter(expr: string[]): Test | string {
  const tests: Test[] = [];
  let cur: string[] = [];
  for (const w of [...expr, 'and']) {
    if (w !== 'and' && w !== '&&') {
      cur.push(w);
      continue;
    }
    if (cur.length === 0) return 'syntax error in filter expression';
    const t = primitive(cur);
    if (typeof t === 'string') return t;
    tests.push(t);
    cur = [];
  }
  return (f) => tests.every((t) => t(f));
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
}

/** One packet as tcpdump prints it without -v; the inner frame of a VXLAN packet on its own line. */
export function describe(f: CapturedPayload, link: boolean): string {
  const head = link ? `${f.srcMac} > ${f.dstMac}, ethertype ${f.ethertype === 'arp' ? 'ARP (0x0806)' : 'IPv4 (0x0800)'}, length ${(f.ip?.len ?? 28) + 14}: ` : '';
  if (f.arp) {
    const a = f.arp;
    return a.op === 'request' ? `${head}ARP, Request who-has ${a.targetIp} tell ${a.senderIp}, length 28` : `${head}ARP, Reply ${a.senderIp} is-at ${a.senderMac}, length 28`;
  }
  const ip = f.ip!;
  const ports = ip.sport !== null && ip.dport !== null;
  const ends = ports ? `${ip.src}.${ip.sport} > ${ip.dst}.${ip.dport}` : `${ip.src} > ${ip.dst}`;
  if (f.encap?.kind === 'esp') return `${head}IP ${ends}: ESP(spi=0x${f.encap.spi.toString(16).padStart(8, '0')},seq=0x${f.encap.seq.toString(16)}), length ${ip.len - 20}`;
  if (f.encap?.kind === 'vxlan') return `${head}IP ${ends}: VXLAN, flags [I] (0x08), vni ${f.encap.vni}\n${describe(f.encap.inner, link)}`;
  if (ip.proto === 'icmp') {
    const what = ip.reply ? 'echo reply' : 'echo request';
    return `${head}IP ${ends}: ICMP ${what}, id ${ip.icmpId ?? 0}, seq ${ip.icmpSeq ?? 0}, length ${ip.len - 20}`;
  }
  if (ip.proto === 'udp') return `${head}IP ${ends}: UDP, length ${Math.max(0, ip.len - 28)}`;
  if (ip.proto === 'tcp') return `${head}IP ${ends}: Flags [${ip.reply ? 'S.' : 'S'}], length 0`;
  return `${head}IP ${ends}: ip-proto-${ip.proto}, length ${ip.len - 20}`;
}

const DIRS: Record<CapturedFrame['pktType'], string> = { outgoing: 'Out', host: 'In', broadcast: 'B', multicast: 'M', otherhost: 'P' };

export const tcpdump: Program = async (p: Proc) => {
  const args = p.argv.slice(1);
  let dev: string | null = null;
  let max = Infinity;
  let link = false;
  const expr: string[] = [];
  // getopt: flags cluster (-nni eth0), a value follows its letter or is the next word.
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      expr.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const o = a[j]!;
      if (o === 'i' || o === 'c') {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) {
          p.err(`tcpdump: option requires an argument -- '${o}'\n`);
          return 1;
        }
        if (o === 'i') dev = v;
        else if (!/^\d+$/.test(v) || Number(v) < 1) {
          p.err(`tcpdump: invalid packet count ${v}\n`);
          return 1;
        } else max = Number(v);
        break;
      }
      if (o === 'e') link = true;
      else if (!'nvlqtS'.includes(o)) {
        p.err(`tcpdump: invalid option -- '${o}'\n`);
        return 1;
      }
    }
  }
  const ns = nsOf(p);
  if (!ns) return 1;
  const name = dev ?? ns.links.find((l) => l.kind !== 'loopback' && l.up)?.name ?? 'lo';
  if (name !== 'any' && !linkByName(ns, name)) {
    p.err(`tcpdump: ${name}: No such device exists\n(No such device exists)\n`);
    return 1;
  }
  const filter = parseFilter(expr);
  if (typeof filter === 'string') {
    p.err(`tcpdump: ${filter}\n`);
    return 1;
  }
  p.err('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n');
  p.err(name === 'any' ? 'listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n' : `listening on ${name}, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n`);
  let seen = 0;
  let matched = 0;
  const close = openTap(p.rt.world, { ns: ns.id, dev: name }, (f) => {
    seen++;
    if (matched >= max || !filter(f)) return;
    matched++;
    const where = name === 'any' ? `${f.dev}  ${DIRS[f.pktType]}  ` : '';
    p.out(`${stamp(f.time)} ${where}${describe(f, link && name !== 'any')}\n`);
  });
  try {
    await waitWhile(p, () => matched < max);
  } finally {
    close();
  }
  p.err(`\n${matched} packet${matched === 1 ? '' : 's'} captured\n${seen} packet${seen === 1 ? '' : 's'} received by filter\n0 packets dropped by kernel\n`);
  return 0;
};
