import { roundTrip } from '../kernel/deliver';
import { isIPv4 } from '../util/ipv4';
import { toolsetOf } from '../shell/toolset';
import { nsOf, type Program } from '../shell/types';
import { resolveHost } from './resolve';
import { fmtMs, rttMs } from '../apps/latency';

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
    } else if (a.startsWith('-s') || a.startsWith('-t') || a.startsWith('-I')) {
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
  const r = resolveHost(p, target);
  if (!r.ok) {
    if (busybox) p.err(`ping: bad address '${target}'\n`);
    else p.err(r.reason === 'nxdomain' ? `ping: ${target}: Name or service not known\n` : `ping: ${target}: Temporary failure in name resolution\n`);
    return busybox ? 1 : 2;
  }
  const ip = r.ip;
  if (busybox) p.out(`PING ${target} (${ip}): 56 data bytes\n`);
  else p.out(`PING ${target} (${ip}) 56(84) bytes of data.\n`);
  const named = !isIPv4(target);
  let sent = 0;
  let received = 0;
  const times: number[] = [];
  const started = p.rt.world.clock;
  // The echo identifier: the pinging process's (the lab has no pids here; the start time stands in).
  const icmpId = Math.floor(started / 1000) % 65536;
  let interrupted = false;
  while (sent < count) {
    if (p.signal?.aborted) {
      interrupted = true;
      break;
    }
    if (!ns) break;
    // busybox numbers echo requests from 0, iputils from 1 (what captures show as `seq`).
    const rt = roundTrip(p.rt.world, ns, { proto: 'icmp', dst: ip, dport: null, icmpId, icmpSeq: busybox ? sent : sent + 1 });
    if (!rt.there.ok && rt.there.reason === 'net-unreachable') {
      p.err(busybox ? 'ping: sendto: Network unreachable\n' : 'ping: connect: Network is unreachable\n');
      return busybox ? 1 : 2;
    }
    sent++;
    if (rt.ok) {
      received++;
      const t = rttMs(p.rt.world, rt.there, rt.back);
      times.push(t);
      if (!quiet) {
        if (busybox) p.out(`64 bytes from ${ip}: seq=${sent - 1} ttl=${rt.ttl} time=${fmtMs(t, true)} ms\n`);
        else p.out(`64 bytes from ${named ? `${target} (${ip})` : ip}: icmp_seq=${sent} ttl=${rt.ttl} time=${fmtMs(t)} ms\n`);
      }
    }
    const last = sent >= count;
    // A lost reply costs the full wait on the last packet; otherwise the next one goes after the interval.
    const pause = last ? (rt.ok ? 0 : Math.min(wait, 1) * 1000) : interval * 1000;
    if (pause > 0) {
      const done = await p.rt.sleep(pause, p.signal);
      if (!done) {
        interrupted = true;
        break;
      }
    }
  }
  if (interrupted) p.out('^C\n');
  const loss = sent === 0 ? 0 : Math.round(((sent - received) / sent) * 100);
  const elapsed = Math.max(0, p.rt.world.clock - started - (received === sent ? 0 : 0));
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
    p.out(`${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${Math.max(0, Math.round(elapsed - (received ? 0 : 0)))}ms\n`);
    if (received > 0) {
      const min = Math.min(...times);
      const max = Math.max(...times);
      const avg = times.reduce((a, b) => a + b, 0) / times.length;
      const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
      p.out(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`);
    }
  }
  if (received === 0) return 1;
  return interrupted && !busybox ? 0 : 0;
};
