import type { Rule, RuleMatch, TableName } from '../../kernel/types';

/**
 * iptables' command line as iptables 1.8.11 (nf_tables) reads it (iptables/xshared.c
 * do_parse): getopt with "L::"-style optional chain arguments, one command per call, options in
 * any order, `!` before the option it negates, match options only after the match is loaded
 * (`-p tcp` loads tcp's --dport). Errors carry iptables' own text and exit status.
 */

export const IPT_VERSION = 'v1.8.11 (nf_tables)';
export const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

export type CommandLetter = 'A' | 'C' | 'D' | 'I' | 'R' | 'L' | 'S' | 'F' | 'Z' | 'N' | 'X' | 'P' | 'E' | 'V' | 'h';

export interface IptCommand {
  cmd: CommandLetter;
  /** -L -Z together: list, then zero. */
  zeroToo: boolean;
  table: TableName;
  chain: string | null;
  /** -D/-I/-R/-L/-S/-Z rule number; -P policy; -E new name. */
  num: number | null;
  arg: string | null;
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
  rule: Rule | null;
}

export interface IptError {
  text: string;
  code: number;
}

/** A parameter problem: "iptables v1.8.11 (nf_tables): MSG" and the "Try" line, exit 2. */
export function paramProblem(msg: string): IptError {
  return { text: `iptables ${IPT_VERSION}: ${msg}\n${TRY}`, code: 2 };
}

const LONG: Record<string, string> = {
  '--append': 'A', '--check': 'C', '--delete': 'D', '--insert': 'I', '--replace': 'R', '--list': 'L', '--list-rules': 'S',
  '--flush': 'F', '--zero': 'Z', '--new-chain': 'N', '--new': 'N', '--delete-chain': 'X', '--policy': 'P', '--rename-chain': 'E',
  '--version': 'V', '--help': 'h', '--table': 't', '--numeric': 'n', '--verbose': 'v', '--exact': 'x', '--protocol': 'p',
  '--source': 's', '--src': 's', '--destination': 'd', '--dst': 'd', '--in-interface': 'i', '--out-interface': 'o',
  '--jump': 'j', '--goto': 'g', '--match': 'm', '--wait': 'w', '--ipv4': '4',
};

const COMMANDS = 'ACDIRLSFZNXPEVh';
/** Commands whose chain argument is optional (getopt "L::"): taken from the next word when it is not an option. */
const OPTIONAL_CHAIN = 'LSFZXh';
const WITH_ARG = 'ACDIRNPEtpsdiojgm';
const TABLES: readonly string[] = ['filter', 'nat', 'raw', 'mangle', 'security'];
const PROTOS = ['tcp', 'udp', 'icmp', 'esp', 'sctp', 'all'];

/** Options a match module adds once it is loaded (`-p tcp` or `-m tcp` for --dport). */
const MATCH_OPTS: Record<string, string[]> = {
  tcp: ['--dport', '--destination-port', '--sport', '--source-port'],
  udp: ['--dport', '--destination-port', '--sport', '--source-port'],
  conntrack: ['--ctstate'],
  state: ['--state'],
  addrtype: ['--dst-type'],
  mark: ['--mark'],
  comment: ['--comment'],
  ipvs: ['--ipvs'],
  icmp: ['--icmp-type'],
};

const TARGET_OPTS: Record<string, string[]> = {
  DNAT: ['--to-destination'],
  SNAT: ['--to-source'],
  REDIRECT: ['--to-ports'],
  MARK: ['--set-mark', '--set-xmark'],
  REJECT: ['--reject-with'],
  LOG: ['--log-prefix', '--log-level'],
};

const STATE_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

function isNum(s: string | undefined): boolean {
  return s !== undefined && /^\d+$/.test(s);
}

export function parseIptables(argv: string[]): IptCommand | IptError {
  const c: IptCommand = { cmd: 'V', zeroToo: false, table: 'filter', chain: null, num: null, arg: null, numeric: false, verbose: false, exact: false, lineNumbers: false, rule: null };
  let cmd: CommandLetter | null = null;
  const m: RuleMatch = {};
  const rule: Rule = { match: m, target: '' };
  let hasRuleSpec = false;
  let neg = false;
  const loaded = new Set<string>();
  const words = [...argv];
  let i = 0;
  const nextFree = (): string | undefined => {
    const w = words[i];
    return w !== undefined && !w.startsWith('-') && w !== '!' ? (i++, w) : undefined;
  };

  const setCommand = (letter: CommandLetter): IptError | null => {
    if (cmd && !(cmd === 'L' && letter === 'Z') && !(cmd === 'Z' && letter === 'L')) return paramProblem(`Cannot use -${letter} with -${cmd}`);
    if (cmd === 'Z' && letter === 'L') cmd = 'L';
    else if (cmd === 'L' && letter === 'Z') c.zeroToo = true;
    else cmd = letter;
    if (letter === 'Z' && cmd === 'L') c.zeroToo = true;
    return null;
  };

  while (i < words.length) {
    const w = words[i++]!;
    if (w === '!') {
      neg = true;
      continue;
    }
    let opts: { letter: string; inline: string | undefined }[];
    if (w.startsWith('--')) {
      const [name, inline] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
      const letter = Object.hasOwn(LONG, name) ? LONG[name]! : null;
      if (letter === null) {
        // A match or target option: valid only once its module is loaded.
        if (name === '--line-numbers') {
          c.lineNumbers = true;
          continue;
        }
        const owner = [...loaded].find((mod) => (MATCH_OPTS[mod] ?? []).includes(name));
        const targetOwner = TARGET_OPTS[rule.target]?.includes(name);
        if (!owner && !targetOwner) return paramProblem(`unknown option "${name}"`);
        const needsValue = name !== '--ipvs';
        const v = needsValue ? (inline ?? words[i++]) : undefined;
        if (needsValue && v === undefined) return paramProblem(`option "${name}" requires an argument`);
        const e = matchOption(name, v, m, rule, neg);
        if (e) return e;
        hasRuleSpec = true;
        neg = false;
        continue;
      }
      opts = [{ letter, inline }];
    } else if (w.startsWith('-') && w.length > 1) {
      opts = [];
      const cluster = w.slice(1);
      for (let k = 0; k < cluster.length; k++) {
        const letter = cluster[k]!;
        const rest = cluster.slice(k + 1);
        if (WITH_ARG.includes(letter) || OPTIONAL_CHAIN.includes(letter)) {
          opts.push({ letter, inline: rest === '' ? undefined : rest });
          break;
        }
        opts.push({ letter, inline: undefined });
      }
    } else {
      return { text: `Bad argument \`${w}'\n${TRY}`, code: 2 };
    }
    for (const { letter, inline } of opts) {
      if (COMMANDS.includes(letter)) {
        const e = setCommand(letter as CommandLetter);
        if (e) return e;
        if (letter === 'V' || letter === 'h') continue;
        if (OPTIONAL_CHAIN.includes(letter)) {
          c.chain = inline ?? nextFree() ?? c.chain;
          if ((letter === 'L' || letter === 'S' || letter === 'Z') && c.chain && isNum(words[i])) c.num = Number(words[i++]);
          continue;
        }
        const chain = inline ?? words[i++];
        if (chain === undefined) return paramProblem(letter === 'P' ? '-P requires a chain and a policy' : `option "-${letter}" requires an argument`);
        c.chain = chain;
        if (letter === 'P' || letter === 'E') {
          const v = nextFree();
          if (v === undefined) return paramProblem(letter === 'P' ? '-P requires a chain and a policy' : '-E requires old-chain-name and new-chain-name');
          c.arg = v;
        } else if ((letter === 'D' || letter === 'I' || letter === 'R') && isNum(words[i])) c.num = Number(words[i++]);
        else if (letter === 'R') return paramProblem('-R requires a rule number');
        continue;
      }
      switch (letter) {
        case 'n':
          c.numeric = true;
          continue;
        case 'v':
          c.verbose = true;
          continue;
        case 'x':
          c.exact = true;
          continue;
        case 'w':
        case '4':
          continue;
        case '6':
          return { text: 'This is the IPv4 version of iptables.\n', code: 2 };
      }
      const v = inline ?? words[i++];
      if (v === undefined) return paramProblem(`option "-${letter}" requires an argument`);
      switch (letter) {
        case 't':
          if (!TABLES.includes(v)) return { text: `iptables ${IPT_VERSION}: table '${v}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`, code: 3 };
          if (v === 'security') return { text: `sim: the security table is not part of this lab\n`, code: 1 };
          c.table = v as TableName;
          continue;
        case 'p':
          if (!PROTOS.includes(v)) return paramProblem(`unknown protocol "${v}" specified`);
          if (v !== 'all') {
            m.proto = v as RuleMatch['proto'];
            loaded.add(v);
          }
          break;
        case 's':
        case 'd': {
          const e = checkAddr(v);
          if (e) return e;
          if (letter === 's') [m.src, m.notSrc] = [v, neg || undefined];
          else [m.dst, m.notDst] = [v, neg || undefined];
          break;
        }
        case 'i':
          [m.in, m.notIn] = [v, neg || undefined];
          break;
        case 'o':
          [m.out, m.notOut] = [v, neg || undefined];
          break;
        case 'j':
        case 'g':
          rule.target = v;
          break;
        case 'm':
          if (!Object.hasOwn(MATCH_OPTS, v) || (v === 'icmp' && m.proto !== 'icmp')) return { text: `sim: the '${v}' match is not part of this lab\n`, code: 1 };
          loaded.add(v);
          break;
        default:
          return paramProblem(`unknown option "-${letter}"`);
      }
      hasRuleSpec = true;
      neg = false;
    }
    neg = false;
  }
  if (!cmd) return paramProblem('no command specified');
  c.cmd = cmd;
  if (c.exact && cmd !== 'L') return paramProblem("Illegal option `--exact' with this command");
  if (hasRuleSpec && !'ACDIR'.includes(cmd)) return paramProblem(`Illegal option \`-${ruleOptionLetter(m, rule)}' with this command`);
  if ('ACIR'.includes(cmd) || (cmd === 'D' && c.num === null)) {
    if (rule.target === '') rule.target = '';
    if (c.table === 'nat' && (rule.target === 'DROP' || rule.target === 'REJECT')) {
      return { text: `iptables ${IPT_VERSION}: \nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n\n${TRY}`, code: 2 };
    }
    if (m.ctstate) m.ctstate = [...m.ctstate].sort((a, b) => STATE_ORDER.indexOf(a) - STATE_ORDER.indexOf(b));
    c.rule = rule;
  }
  return c;
}

function ruleOptionLetter(m: RuleMatch, r: Rule): string {
  if (m.proto) return 'p';
  if (m.src) return 's';
  if (m.dst) return 'd';
  if (m.in) return 'i';
  if (m.out) return 'o';
  return r.target ? 'j' : 'm';
}

function checkAddr(v: string): IptError | null {
  const [ip, mask] = v.split('/');
  const ok = /^\d{1,3}(\.\d{1,3}){3}$/.test(ip ?? '') && ip!.split('.').every((x) => Number(x) <= 255);
  if (!ok) return { text: `iptables ${IPT_VERSION}: host/network \`${ip}' not found\n${TRY}`, code: 2 };
  if (mask !== undefined && !(isNum(mask) && Number(mask) <= 32)) return paramProblem(`invalid mask \`${mask}' specified`);
  return null;
}

function matchOption(name: string, v: string | undefined, m: RuleMatch, rule: Rule, neg: boolean): IptError | null {
  const port = (x: string | undefined) => (isNum(x) && Number(x) <= 65535 ? Number(x) : null);
  switch (name) {
    case '--dport':
    case '--destination-port':
    case '--sport':
    case '--source-port': {
      const n = port(v);
      if (n === null) return paramProblem(`invalid port/service \`${v ?? ''}' specified`);
      if (neg) return { text: "sim: negated ports ('! --dport') are not part of this lab\n", code: 1 };
      if (name.includes('d')) m.dport = n;
      else m.sport = n;
      return null;
    }
    case '--ctstate':
    case '--state': {
      const states = (v ?? '').split(',').map((s) => s.toUpperCase());
      if (states.some((s) => !STATE_ORDER.includes(s))) return paramProblem(`Bad ${name === '--state' ? 'state' : 'ctstate'} "${v ?? ''}"`);
      m.ctstate = states;
      if (name === '--state') m.stateModule = true;
      return null;
    }
    case '--dst-type':
      if (v !== 'LOCAL') return { text: "sim: only '--dst-type LOCAL' is part of this lab\n", code: 1 };
      m.dstTypeLocal = true;
      return null;
    case '--mark': {
      const n = Number(v?.split('/')[0]);
      if (!Number.isInteger(n)) return paramProblem(`Bad mark value "${v ?? ''}"`);
      m.mark = n;
      return null;
    }
    case '--comment':
      m.comment = v ?? '';
      return null;
    case '--ipvs':
      m.ipvs = true;
      return null;
    case '--to-destination':
      rule.toDestination = v;
      return null;
    case '--to-source':
      rule.toSource = v;
      return null;
    case '--to-ports':
      rule.toPorts = Number(v);
      return null;
    case '--set-mark':
    case '--set-xmark': {
      const n = Number(v?.split('/')[0]);
      if (!Number.isInteger(n)) return paramProblem(`Bad MARK value "${v ?? ''}"`);
      rule.setMark = n;
      return null;
    }
    case '--reject-with':
      rule.rejectWith = v;
      return null;
    default:
      return { text: `sim: '${name}' is not part of this lab\n`, code: 1 };
  }
}
