import { ctDelete, ctEntries, ctFlush, ctTimeLeft, type CtEntry, type CtTuple } from '../kernel/conntrack';
import type { Proc, Program } from '../shell/types';
import { nsOf } from '../shell/types';
import { hasNetAdmin } from './iptables/index';

/**
 * conntrack (conntrack-tools v1.4.8) over the kernel's table (kernel/conntrack.ts): -L with -p,
 * -s/-d, --sport/--dport, -n/-g (NATed flows) and -o extended; -C, -D, -F, -S, -V. Texts follow
 * src/conntrack.c: entries on stdout in libnetfilter_conntrack's default format, the summary
 * ("N flow entries have been shown.") on stderr after them; errors through exit_error()
 * ("conntrack v1.4.8 (conntrack-tools): …", PARAMETER_PROBLEM = 2 adds the "Try" line,
 * OTHER_PROBLEM = 1). ctnetlink refuses a namespace without CAP_NET_ADMIN (EPERM, which
 * err2str words as below); -C then falls back to /proc/sys/net/netfilter/nf_conntrack_count.
 */

const PREFIX = 'conntrack v1.4.8 (conntrack-tools): ';
const EPERM = 'Operation failed: sorry, you must be root or get CAP_NET_ADMIN capability to do this';
const PROTO_NUM: ReadonlyMap<string, number> = new Map([['icmp', 1], ['tcp', 6], ['udp', 17], ['esp', 50]]);

type Command = 'L' | 'C' | 'D' | 'F' | 'S' | 'V' | 'h' | 'E' | 'G' | 'I' | 'U';

interface Opts {
  cmd: Command | null;
  proto: string | null;
  srcNat: boolean;
  dstNat: boolean;
  extended: boolean;
  src: string | null;
  dst: string | null;
  sport: number | null;
  dport: number | null;
}

const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['-L', 'L'], ['--dump', 'L'], ['-C', 'C'], ['--count', 'C'], ['-D', 'D'], ['--delete', 'D'], ['-F', 'F'], ['--flush', 'F'],
  ['-S', 'S'], ['--stats', 'S'], ['-V', 'V'], ['--version', 'V'], ['-h', 'h'], ['--help', 'h'], ['-E', 'E'], ['--event', 'E'],
  ['-G', 'G'], ['--get', 'G'], ['-I', 'I'], ['--create', 'I'], ['-U', 'U'], ['--update', 'U'],
]);

function paramProblem(p: Proc, msg: string): number {
  p.err(`${PREFIX}${msg}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
  return 2;
}

function parse(p: Proc, args: string[]): Opts | number {
  const o: Opts = { cmd: null, proto: null, srcNat: false, dstNat: false, extended: false, src: null, dst: null, sport: null, dport: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const cmd = COMMANDS.get(a);
    if (cmd) {
      if (o.cmd !== null) return paramProblem(p, 'Invalid commands combination');
      o.cmd = cmd;
      // An optional table name: conntrack (the default) or expect.
      if (args[i + 1] === 'conntrack') i++;
      continue;
    }
    const value = (): string | null => args[++i] ?? null;
    switch (a) {
      case '-n':
      case '--src-nat':
        o.srcNat = true;
        break;
      case '-g':
      case '--dst-nat':
        o.dstNat = true;
        break;
      case '-p':
      case '--proto': {
        const v = value();
        if (v === null) return paramProblem(p, `option \`${a}' requires an argument`);
        if (!PROTO_NUM.has(v.toLowerCase())) return paramProblem(p, `\`${v}' unsupported protocol`);
        o.proto = v.toLowerCase();
        break;
      }
      case '-o':
      case '--output': {
        const v = value();
        if (v === null) return paramProblem(p, `option \`${a}' requires an argument`);
        for (const w of v.split(',')) {
          if (w === 'extended') o.extended = true;
          else if (!['xml', 'timestamp', 'id', 'ktimestamp', 'labels', 'userspace'].includes(w)) return paramProblem(p, `Bad parameter \`${w}'`);
        }
        break;
      }
      case '-s':
      case '--src':
      case '--orig-src':
        o.src = value();
        break;
      case '-d':
      case '--dst':
      case '--orig-dst':
        o.dst = value();
        break;
      case '--sport':
      case '--orig-port-src':
        o.sport = Number(value());
        break;
      case '--dport':
      case '--orig-port-dst':
        o.dport = Number(value());
        break;
      case '-f':
      case '--family':
        if (value() !== 'ipv4') return paramProblem(p, 'sim: the lab tracks IPv4 only');
        break;
      default:
        p.err(`conntrack: sim: option '${a}' is not part of this lab (it has -L -C -D -F -S with -p -s -d --sport --dport -n -g -o extended)\n`);
        return 2;
    }
  }
  return o;
}

function matches(e: CtEntry, o: Opts): boolean {
  if (o.proto !== null && e.proto !== o.proto) return false;
  if (o.src !== null && e.orig.src !== o.src) return false;
  if (o.dst !== null && e.orig.dst !== o.dst) return false;
  if (o.sport !== null && e.orig.sport !== o.sport) return false;
  if (o.dport !== null && e.orig.dport !== o.dport) return false;
  // NAT filters as libnetfilter_conntrack reads the two tuples: SNAT changed the reply's destination, DNAT its source.
  if (o.srcNat && e.reply.dst === e.orig.src && e.reply.dport === e.orig.sport) return false;
  if (o.dstNat && e.reply.src === e.orig.dst && e.reply.sport === e.orig.dport) return false;
  return true;
}

function tupleText(e: CtEntry, t: CtTuple, reply: boolean): string {
  const addr = `src=${t.src} dst=${t.dst} `;
  if (e.proto === 'icmp') return `${addr}type=${reply ? 0 : 8} code=0 id=${e.icmpId} `;
  if (e.proto === 'tcp' || e.proto === 'udp') return `${addr}sport=${t.sport} dport=${t.dport} `;
  return addr;
}

/** One entry in libnetfilter_conntrack's default format (the last blank removed). */
export function ctLine(left: number, e: CtEntry, extended: boolean): string {
  const name = PROTO_NUM.has(e.proto) && e.proto !== 'esp' ? e.proto : 'unknown';
  let s = extended ? `${'ipv4'.padEnd(8)} 2 ` : '';
  s += `${name.padEnd(8)} ${PROTO_NUM.get(e.proto) ?? 0} ${left} `;
  if (e.state) s += `${e.state} `;
  s += tupleText(e, e.orig, false);
  if (!e.replied) s += '[UNREPLIED] ';
  s += tupleText(e, e.reply, true);
  if (e.assured) s += '[ASSURED] ';
  s += 'mark=0 use=1';
  return s;
}

export const conntrack: Program = async (p) => {
  const ns = nsOf(p);
  if (!ns) return 1;
  const o = parse(p, p.argv.slice(1));
  if (typeof o === 'number') return o;
  const world = p.rt.world;
  const admin = hasNetAdmin(p);
  const denied = (): number => {
    p.err(`${PREFIX}${EPERM}\n`);
    return 1;
  };
  switch (o.cmd) {
    case null:
    case 'h':
      p.out('sim: conntrack here lists the host\'s flow table: conntrack -L [-p tcp|udp|icmp] [-s IP] [-d IP] [--dport N] [-n|-g] [-o extended], -C, -D, -F, -S\n');
      return 0;
    case 'V':
      p.out('conntrack v1.4.8 (conntrack-tools)\n');
      return 0;
    case 'C':
      p.out(`${ctEntries(world, ns).length}\n`);
      return 0;
    case 'S': {
      if (!admin) return denied();
      for (const cpu of [0, 1]) {
        p.out(`cpu=${cpu}   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 \n`);
      }
      return 0;
    }
    case 'F':
      p.err(`${PREFIX}connection tracking table has been emptied.\n`);
      if (!admin) return denied();
      ctFlush(ns);
      return 0;
    case 'L':
    case 'D': {
      if (!admin) return denied();
      const shown = ctEntries(world, ns).filter((e) => matches(e, o));
      for (const e of shown) p.out(`${ctLine(ctTimeLeft(world, e), e, o.extended)}\n`);
      if (o.cmd === 'D') ctDelete(ns, new Set(shown));
      p.err(`${PREFIX}${shown.length} flow entries have been ${o.cmd === 'L' ? 'shown' : 'deleted'}.\n`);
      // conntrack.c: a command other than a listing that touched no entry fails.
      return o.cmd === 'D' && shown.length === 0 ? 1 : 0;
    }
    default:
      p.err(`conntrack: sim: '${p.argv[1] ?? ''}' is not part of this lab; use conntrack -L to list the flows the lab's packets made\n`);
      return 1;
  }
};
