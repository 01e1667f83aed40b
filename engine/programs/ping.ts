import { roundTrip } from '../kernel/deliver';
import { isIPv4 } from '../util/ipv4';
import { toolsetOf } from '../shell/toolset';
import { nsOf, type Program } from '../shell/types';
import { resolveHost } from './resolve';
import { fmtMs, rttMs } from '../apps/latency';
import { strerror } from './libc';
import type { Proc } from '../shell/types';

/**
 * ping, busybox's (alpine, busybox) or iputils' (hosts, netshoot): every echo request is a round
 * trip through the packet walk, one per virtual second.
 */
export const ping: Program = async (p) => {
  const busybox = toolsetOf(p) === 'busybox';
  const args = p.argv.slice(1);
  let count = Infinity;
  let wait = busybox ? 10 : 10;
  let interval = 1;
  let quiet = false;
  let size = 56;
  let v6 = p.argv[0] === 'ping6';
  let target: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = (flag: string): string | null => {
      if (a === flag) return args[++i] ?? null;
      if (a.startsWith(flag)) return a.slice(flag.length);
      return null;
    };
    if (a === '-q') quiet = true;
    else if (a === '-4' || a === '-n') continue;
    else if (a === '-6') v6 = true;
    else if (a.startsWith('-s')) {
      const v = val('-s');
      if (v === null || !/^\d+$/.test(v) || Number(v) > 65507) {
        p.err(busybox ? `ping: invalid number '${v ?? ''}'\n` : `ping: invalid argument: '${v ?? ''}': out of range: 0 <= value <= 65507\n`);
        return busybox ? 1 : 1;
      }
      size = Number(v);
    }
    else if (a.startsWith('-c')) {
      const v = val('-c');
      if (v === null || !/^\d+$/.test(v) || Number(v) < 1) {
        p.err(busybox ? `ping: invalid number '${v ?? ''}'\n` : `ping: invalid argument: '${v ?? ''}': out of range: 1 <= value <= 9223372036854775807\n`);
        return busybox ? 1 : 1;
      }
      count = Number(v);
    } else if (a.startsWith('-W') || a.startsWith('-w')) {
      const v = val(a.slice(0, 2));
      if (v === null || !/^\d+(\.\d+)?$/.test(v)) {
        p.err(`ping: invalid number '${v ?? ''}'\n`);
        return 1;
      }
      wait = Number(v);
    } else if (a.startsWith('-i')) {
      const v = val('-i');
      if (v === null || !/^\d+(\.\d+)?$/.test(v)) {
        p.err(`ping: invalid number '${v ?? ''}'\n`);
        return 1;
      }
      interval = Math.max(0.2, Number(v));
    } else if (a.startsWith('-t') || a.startsWith('-I')) {
      val(a.slice(0, 2));
    } else if (a.startsWith('-') && a.length > 1) {
      p.err(busybox ? `ping: unrecognized option '${a}'\nBusyBox v1.37.0 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n` : `ping: invalid option -- '${a.slice(1)}'\n`);
      return busybox ? 1 : 2;
    } else target = a;
  }
  if (!target) {
    p.err(busybox ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n' : 'ping: usage error: Destination address required\n');
    return busybox ? 1 : 1;
  }
  const ns = nsOf(p);
  if (v6 || target.includes(':')) return ping6(p, target, count, size, busybox);
  const r = resolveHost(p, target);
  if (!r.ok) {
    if (busybox) p.err(`ping: bad address '${target}'\n`);
    else p.err(r.reason === 'nxdomain' ? `ping: ${target}: Name or service not known\n` : `ping: ${target}: Temporary failure in name resolution\n`);
    return busybox ? 1 : 2;
  }
  const ip = r.ip;
  if (busybox) p.out(`PING ${target} (${ip}): ${size} data bytes\n`);
  else p.out(`PING ${target} (${ip}) ${size}(${size + 28}) bytes of data.\n`);
  const named = !isIPv4(target);
  let sent = 0;
  let received = 0;
  const times: number[] = [];
  const started = p.rt.world.clock;
  // The echo identifier: the pinging process's (the lab has no pids here; the start time stands in).
  const icmpId = Math.floor(started / 1000) % 65536;
  let interrupted = false;
  // iputils only: probes to a neighbour that never answers ARP. The kernel queues them while it
  // asks (3 requests, 1 s apart: mcast_solicit, retrans_time), then fails them all at once and
  // IP_RECVERR hands ping a Destination Host Unreachable for each; the next probe asks anew.
  const arp = { errors: 0, pipe: 0, askingUntil: -1, pending: [] as { seq: number; at: number }[] };
  const flushErrors = () => {
    while (arp.pending[0] && arp.pending[0].at <= p.rt.world.clock) {
      const e = arp.pending.shift()!;
      arp.errors++;
      // acknowledge(): how many probes were in flight when this one's answer came.
      arp.pipe = Math.max(arp.pipe, sent - e.seq + 1);
      if (!quiet) p.out(`From ${named ? `${ns!.hostname} (${arpFrom})` : arpFrom} icmp_seq=${e.seq} Destination Host Unreachable\n`);
    }
  };
  let arpFrom = '';
  /** Sleeps `ms` of lab time, reporting the ARP failures that fall due on the way; false if interrupted. */
  const pauseFor = async (ms: number): Promise<boolean> => {
    const end = p.rt.world.clock + ms;
    while (p.rt.world.clock < end) {
      const due = arp.pending[0]?.at;
      const step = due !== undefined && due < end ? Math.max(0, due - p.rt.world.clock) : end - p.rt.world.clock;
      if (!(await p.rt.sleep(step, p.signal))) return false;
      flushErrors();
    }
    return true;
  };
  while (sent < count) {
    if (p.signal?.aborted) {
      interrupted = true;
      break;
    }
    if (!ns) break;
    // busybox numbers echo requests from 0, iputils from 1 (what captures show as `seq`).
    const rt = roundTrip(p.rt.world, ns, { proto: 'icmp', dst: ip, dport: null, icmpId, icmpSeq: busybox ? sent : sent + 1 });
    if (!rt.there.ok && rt.there.reason === 'net-unreachable') {
      p.err(busybox ? `ping: sendto: ${strerror(p, 'ENETUNREACH')}\n` : 'ping: connect: Network is unreachable\n');
      return busybox ? 1 : 2;
    }
    sent++;
    const at = rt.there.ok ? null : rt.there.at;
    if (!busybox && at && at.ns === ns.id && rt.there.ok === false && rt.there.reason === 'host-unreachable' && at.why?.startsWith('no neighbour')) {
      const now = p.rt.world.clock;
      if (now >= arp.askingUntil) arp.askingUntil = now + 3000;
      arp.pending.push({ seq: sent, at: arp.askingUntil });
      arpFrom = at.dev ? (ns.links.find((l) => l.name === at.dev)?.addrs.find((a) => a.scope === 'global')?.ip ?? '') : '';
    }
    if (rt.ok) {
      received++;
      const t = rttMs(p.rt.world, rt.there, rt.back);
      times.push(t);
      if (!quiet) {
        if (busybox) p.out(`${size + 8} bytes from ${ip}: seq=${sent - 1} ttl=${rt.ttl} time=${fmtMs(t, true)} ms\n`);
        else p.out(`${size + 8} bytes from ${named ? `${target} (${ip})` : ip}: icmp_seq=${sent} ttl=${rt.ttl} time=${fmtMs(t)} ms\n`);
      }
    }
    const last = sent >= count;
    // A lost reply costs the full wait on the last packet; otherwise the next one goes after the interval.
    // Probes waiting on ARP end when their errors arrive, if that is within the wait (-W, 10 s).
    const lastPending = arp.pending[arp.pending.length - 1];
    const pause = last ? (rt.ok ? 0 : lastPending ? Math.min(lastPending.at - p.rt.world.clock, wait * 1000) : Math.min(wait, 1) * 1000) : interval * 1000;
    if (pause > 0 && !(await pauseFor(pause))) {
      interrupted = true;
      break;
    }
  }
  if (interrupted) p.out('^C\n');
  const loss = sent === 0 ? 0 : Math.round(((sent - received) / sent) * 100);
  // iputils reports the time between the first and the last probe sent: 0 ms for one probe.
  const elapsed = sent > 1 ? (sent - 1) * interval * 1000 + (sent - 1) : 0;
  if (busybox) {
    p.out(`\n--- ${target} ping statistics ---\n`);
    p.out(`${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`);
    if (received > 0) {
      const min = Math.min(...times);
      const max = Math.max(...times);
      const avg = times.reduce((a, b) => a + b, 0) / times.length;
      p.out(`round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
    }
  } else {
    p.out(`\n--- ${target} ping statistics ---\n`);
    p.out(`${sent} packets transmitted, ${received} received${arp.errors ? `, +${arp.errors} errors` : ''}, ${loss}% packet loss, time ${Math.round(elapsed)}ms\n`);
    // Without replies there is no rtt line, but iputils still ends the summary with a newline (real-D7),
    // after "pipe N" when several probes were in flight as their errors came back (ping_output.c).
    if (received === 0) p.out(arp.pipe > 1 ? `pipe ${arp.pipe}\n` : '\n');
    if (received > 0) {
      const min = Math.min(...times);
      const max = Math.max(...times);
      const avg = times.reduce((a, b) => a + b, 0) / times.length;
      const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
      p.out(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms${arp.pipe > 1 ? `, pipe ${arp.pipe}` : ''}\n`);
    }
  }
  if (received === 0) return 1;
  return interrupted && !busybox ? 0 : 0;
};

/**
 * IPv6 ping: the lab's networks are IPv4-only, but every namespace's lo keeps ::1 (finding 35).
 * Other IPv6 destinations have no route (Docker turns IPv6 off on eth0 of an IPv4 network).
 */
async function ping6(p: Proc, target: string, count: number, size: number, busybox: boolean): Promise<number> {
  if (!target.includes(':')) {
    p.err(busybox ? `ping: bad address '${target}'\n` : `ping: ${target}: Address family for hostname not supported\n`);
    return busybox ? 1 : 2;
  }
  if (target !== '::1' && target !== '0:0:0:0:0:0:0:1') {
    p.err(busybox ? `ping: sendto: ${strerror(p, 'ENETUNREACH')}\n` : 'ping: connect: Network is unreachable\n');
    return busybox ? 1 : 2;
  }
  p.out(busybox ? `PING ::1 (::1): ${size} data bytes\n` : `PING ::1 (::1) ${size} data bytes\n`);
  const times: number[] = [];
  let sent = 0;
  while (sent < count) {
    if (p.signal?.aborted) break;
    const t = 0.03 + (sent % 3) * 0.008;
    times.push(t);
    p.out(busybox ? `${size + 8} bytes from ::1: seq=${sent} ttl=64 time=${t.toFixed(3)} ms\n` : `${size + 8} bytes from ::1: icmp_seq=${sent + 1} ttl=64 time=${t.toFixed(3)} ms\n`);
    sent++;
    if (sent < count && !(await p.rt.sleep(1000, p.signal))) break;
  }
  const min = Math.min(...times);
  const max = Math.max(...times);
  const avg = times.reduce((a, b) => a + b, 0) / times.length;
  p.out('\n--- ::1 ping statistics ---\n');
  if (busybox) p.out(`${sent} packets transmitted, ${sent} packets received, 0% packet loss\nround-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
  else {
    const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
    p.out(`${sent} packets transmitted, ${sent} received, 0% packet loss, time ${sent > 1 ? (sent - 1) * 1001 : 0}ms\nrtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`);
  }
  return 0;
}
