import { sendFrom } from '../kernel/deliver';
import { resolveHost } from './resolve';
import { fmtMs } from '../apps/latency';
import { toolsetOf } from '../shell/toolset';
import { nsOf, type Proc, type Program } from '../shell/types';
import { dnsReverse } from '../apps/dns';
import { nameserversOf } from '../apps/resolver';
import { readFile } from '../shell/files';
import type { NetNs } from '../kernel/types';
import { nextFloat } from '../util/rng';

/**
 * traceroute: the routers a packet crosses, from the same packet walk as ping. Each router is
 * shown by the address of the interface the packet came in on; where the packet is dropped, the
 * remaining hops time out (`* * *`).
 */
export const traceroute: Program = async (p) => {
  const busybox = toolsetOf(p) === 'busybox';
  const args = p.argv.slice(1);
  let maxHops = 30;
  let wait = busybox ? 3 : 5;
  let probes = 3;
  let numeric = false;
  let target: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-m') maxHops = Number(args[++i]);
    else if (a === '-w') wait = Number(args[++i]);
    else if (a === '-q') probes = Math.max(1, Math.min(10, Number(args[++i]) || 3));
    else if (a === '-n') numeric = true;
    else if (a === '-I' || a === '-4') continue;
    else if (/^-[nI4]+$/.test(a)) numeric ||= a.includes('n');
    else if (a.startsWith('-')) {
      p.err(`traceroute: unrecognized option '${a}'\n`);
      return 1;
    } else target = a;
  }
  if (!target || !Number.isFinite(maxHops) || maxHops < 1 || maxHops > 255) {
    p.err(busybox ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: traceroute [-46FIlnrv] [-f 1ST_TTL] [-m MAXTTL] [-q PROBES] [-p PORT]\n\t[-t TOS] [-w WAIT_SEC] [-s SRC_IP] [-i IFACE]\n\t[-z PAUSE_MSEC] HOST [BYTES]\n' : 'Usage:\n  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]\n');
    return busybox ? 1 : 2;
  }
  const r = resolveHost(p, target);
  if (!r.ok) {
    p.err(busybox ? `traceroute: bad address '${target}'\n` : `${target}: Name or service not known\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc 1)\n`);
    return busybox ? 1 : 2;
  }
  const ns = nsOf(p);
  if (!ns) return 1;
  const walk = sendFrom(p.rt.world, ns, { proto: 'udp', dst: r.ip, dport: 33434 });
  if (!walk.ok && walk.reason === 'net-unreachable') {
    p.err(busybox ? 'traceroute: sendto: Network unreachable\n' : 'connect: Network is unreachable\n');
    return 1;
  }
  p.out(`traceroute to ${target} (${r.ip}), ${maxHops} hops max, ${busybox ? '46' : '60'} byte packets\n`);
  const hops = [...walk.routers];
  if (walk.ok) hops.push(r.ip);
  const times = (base: number) => Array.from({ length: probes }, () => `${fmtMs(base + nextFloat(p.rt.world.rng) * base * 0.3, busybox)} ms`).join('  ');
  // Without -n each hop is named by a PTR lookup, as its address when none answers (real-D1, real-D7).
  const label = (ip: string) => (numeric ? ip : `${hopName(p, ns, ip)} (${ip})`);
  for (let ttl = 1; ttl <= maxHops; ttl++) {
    if (p.signal?.aborted) break;
    const hop = hops[ttl - 1];
    if (hop) {
      const base = hopLatency(hop);
      p.out(`${String(ttl).padStart(2)}  ${label(hop)}  ${times(base)}\n`);
      if (hop === r.ip && walk.ok) return 0;
      const done = await p.rt.sleep(20, p.signal);
      if (!done) break;
      continue;
    }
    // Past the point where the packet was dropped: nothing answers.
    const done = await p.rt.sleep(wait * probes * 1000, p.signal);
    if (!done) break;
    p.out(`${String(ttl).padStart(2)}  ${Array.from({ length: probes }, () => '*').join(' ')}\n`);
  }
  return 0;
};

/** Microseconds to a Docker bridge, a fraction of a millisecond across the LAN, milliseconds past the router. */
function hopLatency(ip: string): number {
  if (ip.startsWith('192.168.')) return 0.35;
  if (ip.startsWith('10.') || /^172\.(1[6-9]|2\d|3[01])\./.test(ip) || ip.startsWith('127.')) return 0.05;
  return 11.5;
}

/** The name a hop's address resolves back to (/etc/hosts, then a PTR query), else the address itself. */
function hopName(p: Proc, ns: NetNs, ip: string): string {
  for (const line of (readFile(p, '/etc/hosts') ?? '').split('\n')) {
    const [addr, name] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (addr === ip && name) return name;
  }
  const server = nameserversOf(readFile(p, '/etc/resolv.conf') ?? '')[0];
  if (!server) return ip;
  const r = dnsReverse(p.rt.apps, ns, server, ip);
  return r.kind === 'answer' ? r.name : ip;
}
