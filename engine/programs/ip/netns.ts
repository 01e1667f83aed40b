import type { Proc } from '../../shell/types';

/**
 * `ip netns` (iproute2 6.15): the named namespaces under /run/netns. Docker keeps its own in
 * /var/run/docker/netns, so on a Docker host the list is empty (finding 30; fidelity-plan B10).
 * Entering one of Docker's goes through nsenter --net=/var/run/docker/netns/ID.
 */
export function ipNetns(p: Proc, args: string[]): number {
  const cmd = args[0] ?? 'list';
  if (cmd === 'list' || cmd === 'show' || cmd === 'ls' || cmd === 'list-id') return 0;
  if (cmd === 'exec' || cmd === 'e') {
    const name = args[1];
    if (!name) {
      p.err('No netns name specified\n');
      return 1;
    }
    p.err(`Cannot open network namespace "${name}": No such file or directory\n`);
    return 255;
  }
  if (cmd === 'identify' || cmd === 'pids' || cmd === 'monitor') return 0;
  if (cmd === 'help') {
    p.err('Usage:\tip netns list\n\tip netns add NAME\n\tip netns attach NAME PID\n\tip netns set NAME NETNSID\n\tip [-all] netns delete [NAME]\n\tip netns identify [PID]\n\tip netns pids NAME\n\tip [-all] netns exec [NAME] cmd ...\n\tip netns monitor\n\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\nNETNSID := auto | POSITIVE-INT\n');
    return 255;
  }
  if (cmd === 'add' || cmd === 'delete' || cmd === 'del' || cmd === 'attach' || cmd === 'set') {
    p.err(`sim: 'ip netns ${cmd}' is not part of this lab; Docker's namespaces are in /var/run/docker/netns (nsenter --net=/var/run/docker/netns/ID)\n`);
    return 1;
  }
  p.err(`Command "${cmd}" is unknown, try "ip netns help".\n`);
  return 255;
}
