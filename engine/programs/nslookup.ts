import { dnsQuery, dnsReverse, type DnsAnswer, type QType } from '../apps/dns';
import { nameserversOf } from '../apps/resolver';
import { readFile } from '../shell/files';
import { toolsetOf } from '../shell/toolset';
import { nsOf, type Program } from '../shell/types';
import { isIPv4 } from '../util/ipv4';
import { arpaOf } from './dns-wire';

/**
 * nslookup NAME [SERVER], as busybox (networking/nslookup.c: one query per type, A and AAAA
 * without -type) or bind's nslookup prints it.
 */

const BB_USAGE = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any\n';

/** busybox's text for one reply: its answers, "No answer" for NOERROR without data, or the rcode. */
function busyboxBlock(name: string, a: DnsAnswer): { text: string; failed: boolean } {
  if (a.kind === 'nxdomain') return { text: `** server can't find ${name}: NXDOMAIN\n\n`, failed: true };
  if (a.kind === 'servfail') return { text: `** server can't find ${name}: SERVFAIL\n\n`, failed: true };
  if (a.kind !== 'answer') return { text: '', failed: true };
  const head = a.authoritative ? '' : 'Non-authoritative answer:\n';
  if (a.ips.length === 0) return { text: `${head}*** Can't find ${name}: No answer\n\n`, failed: false };
  return { text: `${head}${a.ips.map((ip) => `Name:\t${name}\nAddress: ${ip}`).join('\n')}\n\n`, failed: false };
}

export const nslookup: Program = async (p) => {
  const busybox = toolsetOf(p) === 'busybox';
  const argv = p.argv.slice(1);
  const types: QType[] = [];
  for (const a of argv.filter((x) => x.startsWith('-'))) {
    const m = /^-(?:type|query|q|t)=(\w+)$/i.exec(a);
    if (!m) continue;
    const t = m[1]!.toUpperCase();
    if (t !== 'A' && t !== 'AAAA') {
      p.err(`sim: nslookup -type=${m[1]} is not part of this lab (A and AAAA are)\n`);
      return 1;
    }
    types.push(t);
  }
  const args = argv.filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (!name) {
    p.err(busybox ? BB_USAGE : '> ');
    return 1;
  }
  const server = args[1] ?? nameserversOf(readFile(p, '/etc/resolv.conf') ?? '')[0] ?? '127.0.0.1';
  const ns = nsOf(p);
  if (!ns) return 1;
  if (!isIPv4(server)) {
    p.err(`nslookup: can't resolve '${server}'\n`);
    return 1;
  }
  const header = `Server:\t\t${server}\nAddress:\t${server}${busybox ? ':53' : '#53'}\n\n`;
  const timedOut = async () => {
    if (!(await p.rt.sleep(busybox ? 5_000 : 15_000, p.signal))) return 130;
    if (busybox) p.out(`;; connection timed out; no servers could be reached\n\n`);
    else p.out(`;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n;; no servers could be reached\n\n`);
    return 1;
  };
  if (isIPv4(name)) {
    const arpa = arpaOf(name);
    const r = dnsReverse(p.rt.apps, ns, server, name);
    if (r.kind === 'timeout') return timedOut();
    p.out(header);
    if (r.kind === 'nxdomain') {
      p.out(`** server can't find ${arpa}: NXDOMAIN\n\n`);
      return 1;
    }
    p.out(`Non-authoritative answer:\n${arpa}\tname = ${r.name}${busybox ? '' : '.'}\n\n`);
    return 0;
  }
  const asked: QType[] = types.length ? types : busybox ? ['A', 'AAAA'] : ['A'];
  const replies = asked.map((t) => ({ t, a: dnsQuery(p.rt.apps, ns, server, name, t) }));
  if (replies.every((r) => r.a.kind === 'timeout' || r.a.kind === 'refused')) return timedOut();
  // The embedded server tries its upstreams before it says SERVFAIL (4 s each).
  const wait = Math.max(0, ...replies.map((r) => (r.a.kind === 'servfail' ? r.a.waitMs : 0)));
  if (wait && !(await p.rt.sleep(wait, p.signal))) return 130;
  p.out(header);
  if (busybox) {
    let failed = false;
    for (const { a } of replies) {
      const b = busyboxBlock(name, a);
      p.out(b.text);
      failed ||= b.failed;
    }
    return failed ? 1 : 0;
  }
  const a = replies[0]!.a;
  if (a.kind === 'nxdomain' || a.kind === 'servfail') {
    p.out(`** server can't find ${name}: ${a.kind === 'nxdomain' ? 'NXDOMAIN' : 'SERVFAIL'}\n\n`);
    return 1;
  }
  if (a.kind !== 'answer') return 1;
  p.out(`${a.authoritative ? '' : 'Non-authoritative answer:\n'}${a.ips.map((ip) => `Name:\t${name}\nAddress: ${ip}`).join('\n')}\n\n`);
  return 0;
};
