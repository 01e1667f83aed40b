import { dnsQuery, dnsReverse, EMBEDDED_TTL, type QType } from '../apps/dns';
import { nameserversOf } from '../apps/resolver';
import { readFile } from '../shell/files';
import { nsOf, type Proc, type Program } from '../shell/types';
import { isIPv4 } from '../util/ipv4';
import { arpaOf, queryId, replySize, whenLine, type WireAnswer } from './dns-wire';

/**
 * dig (BIND 9.20: Debian 13's bind9-dnsutils on hosts, Alpine's bind-tools in netshoot), laid out
 * as dig lays it out (real-D2): a leading blank line, tab-aligned sections, the WHEN date in
 * strftime's "%a %b %d %H:%M:%S %Z %Y", the real size of the reply.
 */

/** Pads with tabs to a column, as dig does (a space when the text is already past it). */
export function tabTo(text: string, col: number): string {
  if (text.length >= col) return `${text} `;
  let pos = text.length;
  let out = text;
  while (pos < col) {
    pos = (Math.floor(pos / 8) + 1) * 8;
    out += '\t';
  }
  return out;
}

function version(p: Proc): string {
  return p.ctx.kind === 'container' ? '9.20.15' : '9.20.15-1~deb13u1-Debian';
}

interface Reply {
  status: string;
  aa: boolean;
  opt: boolean;
  compressed: boolean;
  ttl: number;
  answers: { owner: string; type: string; data: string }[];
  wire: WireAnswer[];
  ms: number;
}

export const dig: Program = async (p) => {
  const args = p.argv.slice(1);
  let short = false;
  let answerOnly = false;
  let server: string | null = null;
  let reverse: string | null = null;
  let type: string = 'A';
  let name: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '+short') short = true;
    else if (a === '+noall') answerOnly = true;
    else if (a.startsWith('+')) continue;
    else if (a.startsWith('@')) server = a.slice(1);
    else if (a === '-x') reverse = args[++i] ?? null;
    else if (a === '-t') type = (args[++i] ?? 'A').toUpperCase();
    else if (/^(a|aaaa|mx|ns|txt|soa|cname|ptr|any|srv)$/i.test(a) && name !== null) type = a.toUpperCase();
    else if (a.startsWith('-')) continue;
    else name = a;
  }
  const ns = nsOf(p);
  if ((!name && !reverse) || !ns) {
    p.err('sim: usage: dig [@SERVER] NAME [A|AAAA] [+short] | dig -x ADDRESS\n');
    return 1;
  }
  const to = server ?? nameserversOf(readFile(p, '/etc/resolv.conf') ?? '')[0] ?? '127.0.0.1';
  const query = args.join(' ');
  const banner = `\n; <<>> DiG ${version(p)} <<>> ${query}\n${server ? '; (1 server found)\n' : ''};; global options: +cmd\n`;
  if (!isIPv4(to)) {
    p.err(`dig: couldn't get address for '${to}': not found\n`);
    return 10;
  }
  if (type !== 'A' && type !== 'AAAA' && !reverse) {
    p.err(`sim: dig ${type} queries are not part of this lab (A, AAAA and -x are)\n`);
    return 1;
  }
  const qname = reverse ? `${arpaOf(reverse)}.` : `${name!.replace(/\.$/, '')}.`;
  const qtype = reverse ? 'PTR' : type;
  const embedded = to === '127.0.0.11';
  let reply: Reply;
  if (reverse) {
    const r = dnsReverse(p.rt.apps, ns, to, reverse);
    if (r.kind === 'timeout') return timedOut(p, banner, to, short);
    const local = embedded && r.kind === 'answer' && !r.forwarded;
    const answers = r.kind === 'answer' ? [{ owner: qname, type: 'PTR', data: `${r.name}.` }] : [];
    reply = {
      status: r.kind === 'answer' ? 'NOERROR' : 'NXDOMAIN',
      aa: false,
      opt: !local,
      compressed: !local,
      ttl: local ? EMBEDDED_TTL : 300,
      answers,
      wire: answers.map((a) => ({ name: a.owner, rdata: { ptr: a.data } })),
      ms: local ? 0 : 12,
    };
  } else {
    const r = dnsQuery(p.rt.apps, ns, to, name!, type as QType);
    if (r.kind === 'timeout' || r.kind === 'refused') return timedOut(p, banner, to, short);
    if (r.kind === 'servfail') {
      if (r.waitMs && !(await p.rt.sleep(r.waitMs, p.signal))) return 130;
      reply = { status: 'SERVFAIL', aa: false, opt: false, compressed: false, ttl: 0, answers: [], wire: [], ms: r.waitMs };
    } else {
      const local = embedded && !r.forwarded;
      const ips = r.kind === 'answer' ? r.ips : [];
      const answers = ips.map((ip) => ({ owner: qname, type, data: ip }));
      reply = {
        status: r.kind === 'answer' ? 'NOERROR' : 'NXDOMAIN',
        aa: r.kind === 'answer' && r.authoritative,
        opt: r.edns,
        compressed: !local,
        ttl: r.kind === 'answer' ? r.ttl : 0,
        answers,
        wire: answers.map((a) => ({ name: a.owner, rdata: { a: a.data } })),
        ms: local ? 0 : r.kind === 'answer' && r.authoritative ? 0 : 12,
      };
    }
  }
  if (short) {
    p.out(reply.answers.map((a) => `${a.data}\n`).join(''));
    return 0;
  }
  const answerLines = reply.answers.map((a) => `${tabTo(a.owner, 24)}${reply.ttl}\tIN\t${a.type}\t${a.data}`);
  if (answerOnly) {
    p.out(`${banner}${answerLines.map((l) => `${l}\n`).join('')}`);
    return 0;
  }
  const lines = [
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${reply.status}, id: ${queryId(p, qname + qtype)}`,
    `;; flags: qr${reply.aa ? ' aa' : ''} rd ra; QUERY: 1, ANSWER: ${reply.answers.length}, AUTHORITY: 0, ADDITIONAL: ${reply.opt ? 1 : 0}`,
    '',
    ...(reply.opt ? [';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232'] : []),
    ';; QUESTION SECTION:',
    `${tabTo(`;${qname}`, 32)}IN\t${qtype}`,
    '',
    ...(answerLines.length ? [';; ANSWER SECTION:', ...answerLines, ''] : []),
    `;; Query time: ${reply.ms} msec`,
    `;; SERVER: ${to}#53(${to}) (UDP)`,
    `;; WHEN: ${whenLine(p.rt.world.clock, true)}`,
    `;; MSG SIZE  rcvd: ${replySize(qname, reply.wire, reply.compressed, reply.opt)}`,
    '',
  ];
  p.out(`${banner}${lines.join('\n')}\n`);
  return 0;
};

/** Three tries, five seconds each, then dig repeats its banner before giving up (exit 9). */
async function timedOut(p: Proc, banner: string, server: string, short: boolean): Promise<number> {
  if (!short) p.out(banner);
  for (let i = 0; i < 3; i++) {
    if (!(await p.rt.sleep(5_000, p.signal))) return 130;
    p.out(`;; communications error to ${server}#53: timed out\n`);
  }
  p.out(`${short ? '' : banner};; no servers could be reached\n`);
  return 9;
}
