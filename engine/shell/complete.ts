import { IMAGES } from '../docker/daemon/images';
import { SPECS } from '../programs/docker/cli/specs';
import { isAvailable } from './exec';
import { PROGRAMS } from '../programs/registry';
import type { ExecContext, Runtime } from './types';

/** Tab completion: commands, docker subcommands and flags, container, network and image names. */

const DOCKER_COMMANDS = ['attach', 'container', 'create', 'exec', 'history', 'image', 'images', 'info', 'inspect', 'kill', 'logs', 'network', 'pause', 'port', 'ps', 'pull', 'rename', 'restart', 'rm', 'rmi', 'run', 'start', 'stop', 'unpause', 'version'];
const NETWORK_COMMANDS = ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm'];
const CONTAINER_CMDS = new Set(['exec', 'start', 'stop', 'restart', 'kill', 'rm', 'rename', 'pause', 'unpause', 'attach', 'logs', 'port', 'inspect']);

export function completeLine(rt: Runtime, ctx: ExecContext, line: string, cursor: number): { candidates: string[]; start: number } {
  const before = line.slice(0, cursor);
  const m = /(\S*)$/.exec(before)!;
  const word = m[1]!;
  const start = cursor - word.length;
  const words = before.slice(0, start).trim().split(/\s+/).filter(Boolean);
  // Only the command after the last ; | && || matters.
  let i = words.length - 1;
  while (i >= 0 && !['|', ';', '&&', '||'].includes(words[i]!)) i--;
  const cmdWords = words.slice(i + 1);
  const pick = (list: Iterable<string>) => [...new Set(list)].filter((c) => c.startsWith(word)).sort();
  if (cmdWords.length === 0) {
    return { start, candidates: pick(Object.keys(PROGRAMS).filter((n) => isAvailable(rt, ctx, n))) };
  }
  const world = rt.world;
  const host = world.hosts[ctx.host];
  const containers = host ? Object.values(host.docker.containers).map((c) => c.name) : [];
  const networks = host ? Object.values(host.docker.networks).map((n) => n.name) : [];
  const images = host ? Object.values(host.docker.images).flatMap((im) => im.repoTags.map((t) => t.replace(/:latest$/, ''))) : [];
  if (cmdWords[0] !== 'docker') {
    if (cmdWords[0] === 'ssh') return { start, candidates: pick([...world.hostOrder, ...Object.keys(world.machines)]) };
    if (['ping', 'curl', 'wget', 'nslookup'].includes(cmdWords[0]!)) return { start, candidates: pick([...containers]) };
    return { start, candidates: [] };
  }
  const rest = cmdWords.slice(1);
  if (rest.length === 0) return { start, candidates: pick(DOCKER_COMMANDS) };
  let sub = rest[0]!;
  let specKey = sub;
  if (sub === 'network') {
    if (rest.length === 1) return { start, candidates: pick(NETWORK_COMMANDS) };
    sub = rest[1]!;
    specKey = `network ${sub}`;
  }
  const spec = SPECS[specKey];
  if (word.startsWith('-') && spec) {
    return { start, candidates: pick(spec.flags.filter((f) => !f.hidden).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])])) };
  }
  const prev = cmdWords[cmdWords.length - 1];
  if (prev === '--network' || prev === '--net') return { start, candidates: pick([...networks, 'host', 'none']) };
  if (specKey.startsWith('network ')) {
    const positional = rest.slice(2).filter((w) => !w.startsWith('-'));
    if (['connect', 'disconnect'].includes(sub)) return { start, candidates: pick(positional.length === 0 ? networks : containers) };
    if (['inspect', 'rm'].includes(sub)) return { start, candidates: pick(networks) };
    return { start, candidates: [] };
  }
  if (sub === 'run' || sub === 'create' || sub === 'pull' || sub === 'history' || sub === 'rmi') {
    return { start, candidates: pick([...images, ...IMAGES.map((im) => im.repository)]) };
  }
  if (CONTAINER_CMDS.has(sub)) return { start, candidates: pick(sub === 'inspect' ? [...containers, ...networks] : containers) };
  return { start, candidates: [] };
}
