import { addAddr, delAddr, linkByName } from '../../kernel/netns';
import { parseCidr } from '../../util/ipv4';
import { fail, rtnl, type View } from './view';

/** `ip addr add|del ADDR[/PREFIX] dev DEV` (ip/ipaddress.c ipaddr_modify): a bare address is a /32. */
export function addrModify(v: View, cmd: 'add' | 'del', args: string[]): number {
  const { ns } = v;
  const w = v.p.rt.world;
  let local: string | null = null;
  let dev: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'dev') dev = args[++i] ?? null;
    else if (a === 'brd' || a === 'broadcast' || a === 'scope' || a === 'label' || a === 'metric') i++;
    else if (local === null) local = a === 'local' ? (args[++i] ?? null) : a;
    else return fail(v, `Error: either "local" is duplicate, or "${a}" is garbage.`, 255);
  }
  const cidr = local ? parseCidr(local.includes('/') ? local : `${local}/32`) : null;
  if (!cidr) return fail(v, `Error: any valid prefix is expected rather than "${local ?? ''}".`, 1);
  if (dev === null) return fail(v, 'Not enough information: "dev" argument is required.', 1);
  const l = linkByName(ns, dev);
  if (!l) return fail(v, `Cannot find device "${dev}"`, 1);
  if (cmd === 'del') {
    if (!l.addrs.some((a) => a.ip === cidr.ip)) return rtnl(v, 'Cannot assign requested address');
    delAddr(w, ns, l, cidr.ip);
  } else {
    if (l.addrs.some((a) => a.ip === cidr.ip)) return rtnl(v, 'File exists');
    addAddr(w, ns, l, { ip: cidr.ip, prefix: cidr.prefix, scope: 'global' });
  }
  v.p.rt.changed();
  return 0;
}
