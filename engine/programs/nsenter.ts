import { daemonOf, type Program } from '../shell/types';

/**
 * nsenter (util-linux) for network namespaces only: `nsenter --net=/var/run/docker/netns/NAME CMD…`
 * runs CMD on the host with that namespace's network, which is how one looks inside Docker's own
 * sandboxes: an overlay's `1-<netid[:10]>` (br0, vxlan0), `lb_<netid[:9]>`, `ingress_sbox`, or a
 * container's `<sandboxID[:12]>` (its inspect SandboxKey). Docker does not link them into
 * /var/run/netns, so `ip netns` does not list them.
 */

const DIR = '/var/run/docker/netns/';

export const nsenter: Program = async (p) => {
  const args = p.argv.slice(1);
  let path: string | null = null;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--net=')) path = a.slice(6);
    else if (a.startsWith('--network=')) path = a.slice(10);
    else if (a === '--net' || a === '--network' || a === '-n') path = args[++i] ?? '';
    else if (a.startsWith('-n') && a.length > 2) path = a.slice(2);
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-')) {
      p.err(`nsenter: unrecognized option '${a}'\nTry 'nsenter --help' for more information.\n`);
      return 1;
    } else break;
  }
  if (p.ctx.kind !== 'host') {
    p.err('nsenter: reassociate to namespace \'ns/net\' failed: Operation not permitted\n');
    return 1;
  }
  if (path === null) {
    p.err('nsenter: neither filename nor target pid supplied for ns/net\n');
    return 1;
  }
  const key = path.startsWith(DIR) ? path.slice(DIR.length) : null;
  let nsId: string | null = key ? `netns:${p.ctx.host}:${key}` : null;
  if (nsId && !p.rt.world.netns[nsId]) {
    const c = daemonOf(p)?.containers().find((x) => x.sandboxId?.slice(0, 12) === key && x.nsId);
    nsId = c?.nsId ?? null;
  }
  if (!nsId || !p.rt.world.netns[nsId]) {
    p.err(`nsenter: cannot open ${path}: No such file or directory\n`);
    return 1;
  }
  const argv = args.slice(i);
  return p.runArgv(argv.length ? argv : ['bash'], { ...p.ctx, netns: nsId }, { out: (t) => p.out(t), err: (t) => p.err(t), stdin: p.stdin, tty: p.tty ?? false });
};
