import { linkByIndex, linkByName } from '../kernel/netns';
import { fdbDump, fdbLineText } from '../kernel/links/fdb-show';
import { hasCarrier } from '../kernel/links';
import type { NetNs } from '../kernel/types';
import { nsOf, type Proc, type Program } from '../shell/types';

/** brctl (bridge-utils) and `bridge link|fdb` (iproute2), reading the namespace's bridges. */

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
