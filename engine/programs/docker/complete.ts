import type { ExecContext, Runtime } from '../../shell/types';
import { SPECS } from './cli/specs';

/** Tab completion for docker: subcommands, flags, and the names of containers, networks and images. */

const DOCKER_COMMANDS = ['attach', 'container', 'create', 'exec', 'history', 'image', 'images', 'info', 'inspect', 'kill', 'logs', 'network', 'pause', 'port', 'ps', 'pull', 'rename', 'restart', 'rm', 'rmi', 'run', 'start', 'stop', 'unpause', 'version'];
const NETWORK_COMMANDS = ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm'];
const CONTAINER_CMDS = new Set(['exec', 'start', 'stop', 'restart', 'kill', 'rm', 'rename', 'pause', 'unpause', 'attach', 'logs', 'port', 'inspect']);

export function completeDocker(rt: Runtime, ctx: ExecContext, rest: string[], word: string): string[] {
  const daemon = rt.daemon(ctx.host);
  const containers = daemon ? daemon.containers().map((c) => c.name) : [];
  const networks = daemon ? daemon.networks().map((n) => n.name) : [];
  const images = daemon ? daemon.images().flatMap((im) => im.repoTags.map((t) => t.replace(/:latest$/, ''))) : [];
  if (rest.length === 0) return DOCKER_COMMANDS;
  let sub = rest[0]!;
  let specKey = sub;
  if (sub === 'network') {
    if (rest.length === 1) return NETWORK_COMMANDS;
    sub = rest[1]!;
    specKey = `network ${sub}`;
  }
  const spec = Object.hasOwn(SPECS, specKey) ? SPECS[specKey] : undefined;
  if (word.startsWith('-') && spec) return spec.flags.filter((f) => !f.hidden).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
  const prev = rest[rest.length - 1];
  if (prev === '--network' || prev === '--net') return [...networks, 'host', 'none'];
  if (specKey.startsWith('network ')) {
    const positional = rest.slice(2).filter((w) => !w.startsWith('-'));
    if (['connect', 'disconnect'].includes(sub)) return positional.length === 0 ? networks : containers;
    if (['inspect', 'rm'].includes(sub)) return networks;
    return [];
  }
  if (sub === 'run' || sub === 'create' || sub === 'pull' || sub === 'history' || sub === 'rmi') {
    return [...images, ...(daemon?.registry.all().map((im) => im.repository) ?? [])];
  }
  if (CONTAINER_CMDS.has(sub)) return sub === 'inspect' ? [...containers, ...networks] : containers;
  return [];
}
