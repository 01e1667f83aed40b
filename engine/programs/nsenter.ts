import { daemonOf, type Proc, type Program } from '../shell/types';

/**
 * nsenter (util-linux) for network namespaces only: `nsenter --net=/var/run/docker/netns/NAME CMD…`,
 * or `nsenter -t PID -n CMD…` with a host PID from the daemon's process table (`docker inspect -f
 * '{{.State.Pid}}' c1`),
 * runs CMD on the host with that namespace's network, which is how one looks inside Docker's own
 * sandboxes: an overlay's `1-<netid[:10]>` (br0, vxlan0), `lb_<netid[:9]>`, `ingress_sbox`, or a
 * container's `<sandboxID[:12]>` (its inspect SandboxKey). Docker does not link them into
 * /var/run/netns, so `ip netns` does not list them.
 */

const DIR = '/var/run/docker/netns/';

/** A PID of the host's process table: a container's process joins its namespace, any other the host's. */
function nsOfPid(p: Proc, pid: string): string | null {
  if (!/^\d+$/.test(pid)) return null;
  const d = daemonOf(p);
  const row = d?.hostProcesses().find((r) => r.pid === Number(pid));
  if (!row) return null;
  if (row.containerId === null) return p.rt.world.hosts[p.ctx.host]?.nsId ?? null;
  return d?.containers().find((c) => c.id === row.containerId)?.nsId ?? null;
}

export const nsenter: Program = async (p) => {
  const args = p.argv.slice(1);
  let path: string | null = null;
  // -n/--net without a file: the namespace of the target process (-t).
  let netOfTarget = false;
  let target: string | null = null;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--net=')) path = a.slice(6);
    else if (a.startsWith('--network=')) path = a.slice(10);
    else if (a === '--net' || a === '--network' || a === '-n') netOfTarget = true;
    else if (a.startsWith('-n') && a.length > 2) path = a.slice(2);
    else if (a === '-t' || a === '--target') target = args[++i] ?? '';
    else if (a.startsWith('--target=')) target = a.slice(9);
    else if (a.startsWith('-t') && a.length > 2) target = a.slice(2);
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-')) {
      p.err(`nsenter: unrecognized option '${a}'\nTry 'nsenter --help' for more information.\n`);
      return 1;
    } else break;
  }
  if (path === null && !netOfTarget) {
    p.err('nsenter: no namespace specified\n');
    return 1;
  }
  if (path === null && target === null) {
    p.err('nsenter: no target PID specified\n');
    return 1;
  }
  if (p.ctx.kind !== 'host') {
    p.err('nsenter: reassociate to namespace \'ns/net\' failed: Operation not permitted\n');
    return 1;
  }
  let nsId: string | null;
  if (path === null) {
    nsId = nsOfPid(p, target!);
    path = `/proc/${target}/ns/net`;
  } else {
    const key = path.startsWith(DIR) ? path.slice(DIR.length) : null;
    nsId = key ? `netns:${p.ctx.host}:${key}` : null;
    if (nsId && !p.rt.world.netns[nsId]) {
      const c = daemonOf(p)?.containers().find((x) => x.sandboxId?.slice(0, 12) === key && x.nsId);
      nsId = c?.nsId ?? null;
    }
  }
  if (!nsId || !p.rt.world.netns[nsId]) {
    p.err(`nsenter: cannot open ${path}: No such file or directory\n`);
    return 1;
  }
  const argv = args.slice(i);
  const cmd = argv[0] ?? 'bash';
  if (!p.rt.programs.get(cmd) && !cmd.includes('/')) {
    p.err(`nsenter: failed to execute ${cmd}: No such file or directory\n`);
    return 127;
  }
  return p.runArgv(argv.length ? argv : ['bash'], { ...p.ctx, netns: nsId }, { out: (t) => p.out(t), err: (t) => p.err(t), stdin: p.stdin, tty: p.tty ?? false });
};
