import { dnsQuery, dnsReverse, EMBEDDED_TTL, type QType } from '../apps/dns';
import { nameserversOf } from '../apps/resolver';
import { readFile } from '../shell/files';
import { nsOf, type Program } from '../shell/types';
import { arpaOf, queryId, replySize, whenLine, type WireAnswer } from './dns-wire';

/** drill (ldns 1.8.4, netshoot): its own layout, every section printed even when empty (real-D6). */
export const drill: Program = async (p) => {
  const args = p.argv.slice(1);
  let reverse: string | null = null;
  let server: string | null = null;
  let type: QType = 'A';
  let name: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-x') reverse = args[++i] ?? null;
    else if (a.startsWith('@')) server = a.slice(1);
    else if (/^(a|aaaa)$/i.test(a) && name) type = a.toUpperCase() as QType;
    else if (!a.startsWith('-')) name = a;
  }
  const ns = nsOf(p);
  if ((!name && !reverse) || !ns) {
    p.err('Usage: drill name [@server] [type] [class]\n');
    return 1;
  }
  const to = server ?? nameserversOf(readFile(p, '/etc/resolv.conf') ?? '')[0] ?? '127.0.0.1';
  const qname = reverse ? `${arpaOf(reverse)}.` : `${name!.replace(/\.$/, '')}.`;
  const qtype = reverse ? 'PTR' : type;
  let rcode = 'NOERROR';
  let aa = false;
  let compressed = false;
  let ttl = EMBEDDED_TTL;
  const answers: { data: string }[] = [];
  const wire: WireAnswer[] = [];
  if (reverse) {
    const r = dnsReverse(p.rt.apps, ns, to, reverse);
    if (r.kind === 'timeout') {
      p.err('Error: error sending query: Could not send or receive, because of network error\n');
      return 1;
    }
    if (r.kind === 'answer') {
      answers.push({ data: `${r.name}.` });
      wire.push({ name: qname, rdata: { ptr: `${r.name}.` } });
      compressed = r.forwarded || to !== '127.0.0.11';
    } else rcode = 'NXDOMAIN';
  } else {
    const r = dnsQuery(p.rt.apps, ns, to, name!, type);
    if (r.kind === 'timeout' || r.kind === 'refused') {
      p.err('Error: error sending query: Could not send or receive, because of network error\n');
      return 1;
    }
    if (r.kind === 'servfail') rcode = 'SERVFAIL';
    else if (r.kind === 'nxdomain') {
      rcode = 'NXDOMAIN';
      compressed = true;
    } else {
      aa = r.authoritative;
      ttl = r.ttl;
      compressed = r.forwarded || to !== '127.0.0.11';
      for (const ip of r.ips) {
        answers.push({ data: ip });
        wire.push({ name: qname, rdata: { a: ip } });
      }
    }
  }
  const lines = [
    `;; ->>HEADER<<- opcode: QUERY, rcode: ${rcode}, id: ${queryId(p, qname)}`,
    `;; flags: qr${aa ? ' aa' : ''} rd ra ; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 0 `,
    ';; QUESTION SECTION:',
    `;; ${qname}\tIN\t${qtype}`,
    '',
    ';; ANSWER SECTION:',
    ...answers.map((a) => `${qname}\t${ttl}\tIN\t${qtype}\t${a.data}`),
    '',
    ';; AUTHORITY SECTION:',
    '',
    ';; ADDITIONAL SECTION:',
    '',
    ';; Query time: 0 msec',
    `;; SERVER: ${to}`,
    `;; WHEN: ${whenLine(p.rt.world.clock, false)}`,
    `;; MSG SIZE  rcvd: ${replySize(qname, wire, compressed, false)}`,
  ];
  p.out(`${lines.join('\n')}\n`);
  return 0;
};
