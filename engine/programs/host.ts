import { dnsQuery, dnsReverse, type QType } from '../apps/dns';
import { nameserversOf } from '../apps/resolver';
import { readFile } from '../shell/files';
import { nsOf, type Program } from '../shell/types';
import { isIPv4 } from '../util/ipv4';
import { arpaOf } from './dns-wire';

/** host (BIND 9.20's, in netshoot and on the hosts): one line per record, `Host X not found: 3(NXDOMAIN)` (real-D2). */
export const host: Program = async (p) => {
  const args = p.argv.slice(1);
  let type: string | null = null;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t') type = (args[++i] ?? 'A').toUpperCase();
    else if (a.startsWith('-')) continue;
    else words.push(a);
  }
  const [name, serverArg] = words;
  const ns = nsOf(p);
  if (!name || !ns) {
    p.err('Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n');
    return 1;
  }
  const server = serverArg ?? nameserversOf(readFile(p, '/etc/resolv.conf') ?? '')[0] ?? '127.0.0.1';
  const preamble = serverArg ? `Using domain server:\nName: ${serverArg}\nAddress: ${serverArg}#53\nAliases: \n\n` : '';
  const timeout = async () => {
    for (let i = 0; i < 2; i++) {
      if (!(await p.rt.sleep(5_000, p.signal))) return 130;
      p.out(`;; communications error to ${server}#53: timed out\n`);
    }
    p.out(';; no servers could be reached\n');
    return 1;
  };
  if (isIPv4(name)) {
    const r = dnsReverse(p.rt.apps, ns, server, name);
    if (r.kind === 'timeout') return timeout();
    p.out(preamble);
    if (r.kind === 'nxdomain') {
      p.out(`Host ${arpaOf(name)}. not found: 3(NXDOMAIN)\n`);
      return 1;
    }
    p.out(`${arpaOf(name)} domain name pointer ${r.name}.\n`);
    return 0;
  }
  if (type && type !== 'A' && type !== 'AAAA') {
    p.err(`sim: host -t ${type} is not part of this lab (A and AAAA are)\n`);
    return 1;
  }
  const types: QType[] = type ? [type as QType] : ['A', 'AAAA'];
  let out = preamble;
  let found = false;
  for (const t of types) {
    const r = dnsQuery(p.rt.apps, ns, server, name, t);
    if (r.kind === 'timeout' || r.kind === 'refused') return timeout();
    if (r.kind === 'servfail') {
      if (r.waitMs && !(await p.rt.sleep(r.waitMs, p.signal))) return 130;
      p.out(`${out}Host ${name} not found: 2(SERVFAIL)\n`);
      return 1;
    }
    if (r.kind === 'nxdomain') {
      p.out(`${out}Host ${name} not found: 3(NXDOMAIN)\n`);
      return 1;
    }
    for (const ip of r.ips) {
      out += `${name} has ${t === 'A' ? 'address' : 'IPv6 address'} ${ip}\n`;
      found = true;
    }
  }
  p.out(out);
  return found || type ? 0 : 1;
};
