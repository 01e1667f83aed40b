import { linkByIndex, linkByName } from '../kernel/netns';
import { fdbDump, fdbLineText } from '../kernel/links/fdb-show';
import { hasCarrier } from '../kernel/links';
import { tableOf, zeroCounters } from '../kernel/netfilter';
import { listRules, printRules } from '../kernel/netfilter-print';
import type { NetNs, Rule, RuleMatch, TableName } from '../kernel/types';
import { containerOf, nsOf, type Proc, type Program } from '../shell/types';
import { syncDerived } from '../kernel/deliver';

/** brctl (bridge-utils), `bridge link` (iproute2) and iptables, reading the namespace's bridges and rules. */

export const brctl: Program = async (p) => {
  const ns = nsOf(p);
  const sub = p.argv[1];
  if (!ns) return 1;
  if (sub !== 'show') {
    if (sub === undefined || sub === '--help' || sub === '-h') {
      p.out('Usage: brctl [commands]\ncommands:\n\taddbr     \t<bridge>\t\tadd bridge\n\tdelbr     \t<bridge>\t\tdelete bridge\n\taddif     \t<bridge> <device>\tadd interface to bridge\n\tdelif     \t<bridge> <device>\tdelete interface from bridge\n\tshow      \t[ <bridge> ]\t\tshow a list of bridges\n');
      return sub === undefined ? 1 : 0;
    }
    if (['addbr', 'delbr', 'addif', 'delif', 'stp', 'setageing'].includes(sub)) {
      p.err(`sim: 'brctl ${sub}' is not part of this lab; Docker manages the bridges here\n`);
      return 1;
    }
    p.err(`never heard of command [${sub}]\n`);
    return 1;
  }
  const only = p.argv[2];
  let bridges = ns.links.filter((l) => l.kind === 'bridge').sort((a, b) => (a.name < b.name ? -1 : 1));
  if (only) {
    bridges = bridges.filter((b) => b.name === only);
    if (bridges.length === 0) {
      p.err(`bridge ${only} does not exist!\n`);
      return 1;
    }
  }
  const lines = ['bridge name\tbridge id\t\tSTP enabled\tinterfaces'];
  for (const br of bridges) {
    const ports = ns.links.filter((l) => l.master === br.ifindex).map((l) => l.name).sort();
    const id = `8000.${br.mac.replace(/:/g, '')}`;
    lines.push(`${br.name}\t\t${id}\tno\t\t${ports[0] ?? ''}`);
    for (const port of ports.slice(1)) lines.push(`\t\t\t\t\t\t\t${port}`);
  }
  p.out(lines.join('\n') + '\n');
  return 0;
};

export const bridge: Program = async (p) => {
  const ns = nsOf(p);
  if (!ns) return 1;
  const obj = p.argv[1] ?? '';
  if (['fdb', 'f', 'fd'].includes(obj)) return bridgeFdb(p, ns);
  if (!['link', 'l', 'li', 'lin'].includes(obj)) {
    if (obj === '') {
      p.err('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { link | fdb | mdb | vlan | vni | monitor }\n');
      return 255;
    }
    p.err(`sim: 'bridge ${obj}' is not part of this lab (try 'bridge link' or 'bridge fdb')\n`);
    return 1;
  }
  const ports = ns.links.filter((l) => l.master !== null).sort((a, b) => a.ifindex - b.ifindex);
  const lines = ports.map((l) => {
    const br = linkByIndex(ns, l.master!)!;
    const carrier = hasCarrier(p.rt.world, ns, l);
    const name = l.peer ? `${l.name}@if${l.peer.ifindex}` : l.name;
    const flags = l.up ? (carrier ? 'BROADCAST,MULTICAST,UP,LOWER_UP' : 'NO-CARRIER,BROADCAST,MULTICAST,UP') : 'BROADCAST,MULTICAST';
    return `${l.ifindex}: ${name}: <${flags}> mtu ${l.mtu} master ${br.name} state ${carrier ? 'forwarding' : 'disabled'} priority 32 cost 2 `;
  });
  if (lines.length) p.out(lines.join('\n') + '\n');
  return 0;
};

/** `bridge fdb [show] [br BRIDGE] [dev DEV]`: the forwarding databases, from the kernel's state. */
function bridgeFdb(p: Proc, ns: NetNs): number {
  const args = p.argv.slice(2);
  if (args[0] === 'show' || args[0] === 's' || args[0] === 'list' || args[0] === 'ls') args.shift();
  else if (args[0] && !['br', 'brport', 'dev'].includes(args[0])) {
    p.err(`sim: 'bridge fdb ${args[0]}' is not part of this lab; Docker and the kernel fill the FDB here\n`);
    return 1;
  }
  let br: string | null = null;
  let dev: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'br') br = args[++i] ?? null;
    else if (a === 'dev' || a === 'brport') dev = args[++i] ?? null;
    else {
      p.err(`Error: argument "${a}" is wrong: unknown option\n`);
      return 255;
    }
  }
  for (const name of [br, dev]) {
    if (name !== null && !linkByName(ns, name)) {
      p.err(`Cannot find ${name === br ? 'bridge' : 'device'} "${name}"\n`);
      return 1;
    }
  }
  const bridgeLink = br !== null ? linkByName(ns, br)! : null;
  const lines = fdbDump(p.rt.world, ns)
    .filter((l) => dev === null || l.dev === dev)
    .filter((l) => {
      if (!bridgeLink) return true;
      const d = linkByName(ns, l.dev);
      return !!d && (d === bridgeLink || d.master === bridgeLink.ifindex);
    })
    .map((l) => fdbLineText(l, dev === null));
  if (lines.length) p.out(lines.join('\n') + '\n');
  return 0;
}

const IPT_USAGE = "iptables v1.8.10 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n";

export const iptables: Program = async (p) => {
  const ns = nsOf(p);
  if (!ns) return 1;
  const c = containerOf(p);
  if (c && !c.hostConfig.privileged && !c.hostConfig.capAdd.some((x) => /NET_ADMIN|ALL/i.test(x))) {
    const ti = p.argv.indexOf('-t');
    const t = ti >= 0 ? (p.argv[ti + 1] ?? 'filter') : 'filter';
    p.err(`iptables v1.8.10 (legacy): can't initialize iptables table \`${t}': Permission denied (you must be root)\nPerhaps iptables or your kernel needs to be upgraded.\n`);
    return 3;
  }
  syncDerived(p.rt.world);
  const args = p.argv.slice(1);
  let table: TableName = 'filter';
  type Action = 'S' | 'L' | 'A' | 'I' | 'D' | 'F' | 'Z';
  let action = null as Action | null;
  let chainArg: string | undefined;
  let numeric = false;
  let verbose = false;
  let lineNumbers = false;
  let exact = false;
  let zero = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') {
      const t = args[++i];
      if (t !== 'filter' && t !== 'nat' && t !== 'raw' && t !== 'mangle') {
        p.err(`iptables v1.8.10 (nf_tables): can't initialize iptables table \`${t ?? ''}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`);
        return 3;
      }
      table = t;
    } else if (/^-[SLAIDFZ]$/.test(a) || ['--list', '--list-rules', '--append', '--insert', '--delete', '--flush', '--zero'].includes(a)) {
      const map: Record<string, Action> = { '--list': 'L', '--list-rules': 'S', '--append': 'A', '--insert': 'I', '--delete': 'D', '--flush': 'F', '--zero': 'Z' };
      // `-L -Z` lists, then zeroes.
      const next = map[a] ?? (a[1] as Action);
      if (!(next === 'Z' && action === 'L')) action = next;
      if (next === 'Z') zero = true;
      if (args[i + 1] && !args[i + 1]!.startsWith('-')) chainArg = args[++i];
    } else if (/^-[nvxLSZ]+$/.test(a) && a.length > 2) {
      if (a.includes('S')) action = 'S';
      if (a.includes('L')) action = 'L';
      if (a.includes('Z')) {
        zero = true;
        action ??= 'Z';
      }
      numeric ||= a.includes('n');
      verbose ||= a.includes('v');
      exact ||= a.includes('x');
      if (/[LSZ]/.test(a) && args[i + 1] && !args[i + 1]!.startsWith('-')) chainArg = args[++i];
    } else if (a === '-x' || a === '--exact') exact = true;
    else if (a === '-n' || a === '--numeric') numeric = true;
    else if (a === '--line-numbers') lineNumbers = true;
    else if (a === '-v' || a === '--verbose') verbose = true;
    else rest.push(a);
  }
  if (!action) {
    p.err(IPT_USAGE);
    return 2;
  }
  const chains = tableOf(ns.nf, table);
  if (chainArg && !chains.some((ch) => ch.name === chainArg)) {
    p.err(`iptables v1.8.10 (nf_tables): chain \`${chainArg}' in table \`${table}' is incompatible, use 'nft' tool.\n`.replace(/chain .*incompatible, use 'nft' tool\./, `Chain '${chainArg}' does not exist`));
    return 1;
  }
  if (action === 'S' || action === 'L' || action === 'Z') {
    if (action === 'S') p.out(printRules(chains, chainArg, verbose));
    if (action === 'L') p.out(listRules(chains, { numeric, verbose, only: chainArg, lineNumbers, exact }));
    if (zero) zeroCounters(chains, chainArg);
    return 0;
  }
  // Changes: DOCKER-USER, the host's own INPUT and the mangle table belong to the administrator; Docker rewrites the rest.
  const adminChain = table === 'filter' ? chainArg === 'DOCKER-USER' || chainArg === 'INPUT' : table === 'mangle';
  if (!adminChain || !chainArg) {
    p.err(`sim: in this lab you can change the filter table's DOCKER-USER and INPUT chains and the mangle table; Docker owns ${chainArg ?? 'the others'}\n`);
    return 1;
  }
  const chain = chains.find((ch) => ch.name === chainArg)!;
  if (action === 'F') {
    chain.rules = [];
    p.rt.changed();
    return 0;
  }
  const parsed = parseRuleArgs(rest);
  if ('error' in parsed) {
    p.err(`iptables v1.8.10 (nf_tables): ${parsed.error}\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
    return 2;
  }
  // Rule lists are replaced, never edited in place: compiled chains are cached by list identity.
  if (action === 'A') chain.rules = [...chain.rules, parsed.rule];
  else if (action === 'I') chain.rules = [parsed.rule, ...chain.rules];
  else {
    // Counters are not part of a rule's identity.
    const spec = (r: Rule) => JSON.stringify({ match: r.match, target: r.target, setMark: r.setMark });
    const key = spec(parsed.rule);
    const i = chain.rules.findIndex((r) => spec(r) === key);
    if (i < 0) {
      p.err('iptables: Bad rule (does a matching rule exist in that chain?).\n');
      return 1;
    }
    chain.rules = chain.rules.filter((_, k) => k !== i);
  }
  p.rt.world.revision++;
  p.rt.changed();
  return 0;
};

function parseRuleArgs(args: string[]): { rule: Rule } | { error: string } {
  const m: RuleMatch = {};
  let target: string | null = null;
  let setMark: number | undefined;
  let neg = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1];
    switch (a) {
      case '!':
        neg = true;
        continue;
      case '-s':
        m.src = v;
        if (neg) m.notSrc = true;
        i++;
        break;
      case '-d':
        m.dst = v;
        if (neg) m.notDst = true;
        i++;
        break;
      case '-i':
        m.in = v;
        if (neg) m.notIn = true;
        i++;
        break;
      case '-o':
        m.out = v;
        if (neg) m.notOut = true;
        i++;
        break;
      case '-p':
        if (v !== 'tcp' && v !== 'udp' && v !== 'icmp' && v !== 'esp') return { error: `unknown protocol "${v ?? ''}" specified` };
        m.proto = v;
        i++;
        break;
      case '--dport':
        m.dport = Number(v);
        i++;
        break;
      case '--sport':
        m.sport = Number(v);
        i++;
        break;
      case '-m':
        i++;
        break;
      case '--mark': {
        const n = Number(v?.split('/')[0]);
        if (!Number.isInteger(n)) return { error: `Bad mark value "${v ?? ''}"` };
        m.mark = n;
        i++;
        break;
      }
      case '--ipvs':
        m.ipvs = true;
        break;
      case '--set-mark':
      case '--set-xmark': {
        const n = Number(v?.split('/')[0]);
        if (!Number.isInteger(n)) return { error: `Bad MARK value "${v ?? ''}"` };
        setMark = n;
        i++;
        break;
      }
      case '-j':
        target = v ?? null;
        i++;
        break;
      default:
        return { error: `unknown option "${a}"` };
    }
    neg = false;
  }
  if (!target) return { error: 'no target given (-j ACCEPT, DROP or RETURN)' };
  if (target === 'MARK' && setMark === undefined) return { error: 'MARK target: Parameter --set-xmark is required' };
  return { rule: setMark !== undefined ? { match: m, target, setMark } : { match: m, target } };
}
