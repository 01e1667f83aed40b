import { isIPv4 } from '../util/ipv4';
import { readFile } from '../shell/files';
import { dnsQuery, dnsReverse } from '../apps/dns';
import { toolsetOf } from '../shell/toolset';
import { nsOf, type Proc, type Program } from '../shell/types';

/** nslookup NAME [SERVER], as busybox or bind's nslookup prints it. */
export const nslookup: Program = async (p) => {
  const busybox = toolsetOf(p) === 'busybox';
  const args = p.argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (!name) {
    p.err(busybox ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n' : '> ');
    return 1;
  }
  const resolv = readFile(p, '/etc/resolv.conf') ?? '';
  const server = args[1] ?? /^nameserver\s+(\S+)/m.exec(resolv)?.[1] ?? '127.0.0.1';
  const ns = nsOf(p);
  if (!ns) return 1;
  const serverIp = isIPv4(server) ? server : null;
  if (!serverIp) {
    p.err(`nslookup: can't resolve '${server}'\n`);
    return 1;
  }
  if (isIPv4(name)) {
    const arpa = `${name.split('.').reverse().join('.')}.in-addr.arpa`;
    const r = dnsReverse(p.rt.apps, ns, serverIp, name);
    if (r.kind === 'timeout') {
      p.out(`;; connection timed out; no servers could be reached\n\n`);
      return 1;
    }
    p.out(`Server:\t\t${serverIp}\nAddress:\t${serverIp}${busybox ? ':53' : '#53'}\n\n`);
    if (r.kind === 'nxdomain') {
      p.out(`** server can't find ${arpa}: NXDOMAIN\n\n`);
      return 1;
    }
    p.out(`Non-authoritative answer:\n${arpa}\tname = ${r.name}${busybox ? '' : '.'}\n\n`);
    return 0;
  }
  const a = dnsQuery(p.rt.apps, ns, serverIp, name);
  if (a.kind === 'timeout' || a.kind === 'refused') {
    await p.rt.sleep(busybox ? 5000 : 15000, p.signal);
    if (busybox) p.out(`;; connection timed out; no servers could be reached\n\n`);
    else p.out(`;; communications error to ${serverIp}#53: timed out\n;; communications error to ${serverIp}#53: timed out\n;; communications error to ${serverIp}#53: timed out\n;; no servers could be reached\n\n`);
    return 1;
  }
  p.out(`Server:\t\t${serverIp}\nAddress:\t${serverIp}${busybox ? ':53' : '#53'}\n\n`);
  if (a.kind === 'nxdomain' || a.kind === 'servfail') {
    const code = a.kind === 'nxdomain' ? 'NXDOMAIN' : 'SERVFAIL';
    if (busybox) p.out(`** server can't find ${name}: ${code}\n\n** server can't find ${name}: ${code}\n\n`);
    else p.out(`** server can't find ${name}: ${code}\n\n`);
    return 1;
  }
  if (busybox) {
    p.out(`Non-authoritative answer:\n${a.ips.map((ip) => `Name:\t${name}\nAddress: ${ip}`).join('\n')}\n\n`);
    p.out(`Non-authoritative answer:\n*** Can't find ${name}: No answer\n\n`);
  } else {
    p.out(`${a.authoritative ? '' : 'Non-authoritative answer:\n'}${a.ips.map((ip) => `Name:\t${name}\nAddress: ${ip}`).join('\n')}\n\n`);
  }
  return 0;
};

/** dig NAME (netshoot, hosts): the short answer form is what learners use (+short). */
export const dig: Program = async (p) => {
  const args = p.argv.slice(1);
  const short = args.includes('+short');
  const at = args.find((a) => a.startsWith('@'))?.slice(1);
  const xi = args.indexOf('-x');
  const reverse = xi >= 0 ? args[xi + 1] : undefined;
  const name = reverse ?? args.find((a) => !a.startsWith('+') && !a.startsWith('@') && !a.startsWith('-'));
  const ns = nsOf(p);
  if (!name || !ns) {
    p.err('sim: usage: dig NAME [@SERVER] [+short] | dig -x ADDRESS\n');
    return 1;
  }
  const resolv = readFile(p, '/etc/resolv.conf') ?? '';
  const server = at ?? /^nameserver\s+(\S+)/m.exec(resolv)?.[1] ?? '127.0.0.1';
  const query = args.join(' ');
  if (reverse !== undefined) {
    const r = dnsReverse(p.rt.apps, ns, server, reverse);
    const arpa = `${reverse.split('.').reverse().join('.')}.in-addr.arpa.`;
    if (r.kind === 'timeout') {
      p.out(`;; communications error to ${server}#53: timed out\n;; no servers could be reached\n`);
      return 9;
    }
    if (short) {
      if (r.kind === 'answer') p.out(`${r.name}.\n`);
      return 0;
    }
    p.out(digAnswer(p, query, server, r.kind === 'answer' ? 'NOERROR' : 'NXDOMAIN', `;${arpa}\t\tIN\tPTR`, r.kind === 'answer' ? [`${arpa}\t600\tIN\tPTR\t${r.name}.`] : []));
    return 0;
  }
  const a = dnsQuery(p.rt.apps, ns, server, name);
  if (a.kind === 'timeout' || a.kind === 'refused') {
    p.out(`;; communications error to ${server}#53: timed out\n;; no servers could be reached\n`);
    return 9;
  }
  const question = `;${name}.\t\t\tIN\tA`;
  if (a.kind === 'servfail' || a.kind === 'nxdomain') {
    if (!short) p.out(digAnswer(p, query, server, a.kind === 'servfail' ? 'SERVFAIL' : 'NXDOMAIN', question, []));
    return 0;
  }
  if (short) {
    p.out(a.ips.map((ip) => ip + '\n').join(''));
    return 0;
  }
  p.out(digAnswer(p, query, server, 'NOERROR', question, a.ips.map((ip) => `${name}.\t\t600\tIN\tA\t${ip}`)));
  return 0;
};

/** dig's full answer: banner, header with flags, question, answer, statistics. */
function digAnswer(p: Proc, query: string, server: string, status: string, question: string, answers: string[]): string {
  const id = 1000 + (p.rt.world.clock % 60000);
  const lines = [
    `; <<>> DiG 9.20.15 <<>> ${query}`,
    ';; global options: +cmd',
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}`,
    `;; flags: qr rd ra; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 0`,
    '',
    ';; QUESTION SECTION:',
    question,
    '',
  ];
  if (answers.length) lines.push(';; ANSWER SECTION:', ...answers, '');
  lines.push(';; Query time: 0 msec', `;; SERVER: ${server}#53(${server}) (UDP)`, `;; WHEN: ${new Date(p.rt.world.clock).toUTCString()}`, ';; MSG SIZE  rcvd: 60', '');
  return lines.join('\n') + '\n';
}

