import type { ExecContext, Runtime } from '../../shell/types';
import { swarmStatusOf, type SwarmStatus } from './cli/swarm-status';
import { verbShown } from './cli/tree';
import type { Completes, Verb } from './cli/verb';
import { DOCKER_TREE } from './verbs';

/** Tab completion for docker, from the command tree: commands, subcommands, flags, and the names of containers, networks and images. */

function candidates(rt: Runtime, ctx: ExecContext, kind: Completes | undefined): string[] {
  const daemon = rt.daemon(ctx.host);
  if (!daemon || !kind) return [];
  const containers = () => daemon.containers().map((c) => c.name);
  const networks = () => daemon.networks().map((n) => n.name);
  const images = () => [...new Set([...daemon.images().flatMap((im) => im.repoTags.map((t) => t.replace(/:latest$/, ''))), ...daemon.registry.all().map((im) => im.repository)])];
  switch (kind) {
    case 'container':
      return containers();
    case 'network':
      return networks();
    case 'image':
      return images();
    case 'network-mode':
      return [...networks().filter((n) => n !== 'host' && n !== 'none'), 'host', 'none'];
    case 'object':
      return [...containers(), ...networks()];
  }
}

/** The verb the words name, and the words after its name. */
function resolve(words: string[]): { verb: Verb; rest: string[] } | { group: string } | null {
  const [first, second] = words;
  if (first === undefined) return null;
  const entry = DOCKER_TREE.top(first);
  if (!entry) return null;
  if (entry.kind === 'verb') return { verb: entry.verb, rest: words.slice(1) };
  if (second === undefined) return { group: first };
  const sub = DOCKER_TREE.sub(first, second);
  return sub ? { verb: sub.verb, rest: words.slice(2) } : null;
}

/** Completion lists what help lists: swarm commands only where the daemon's swarm state shows them. */
function swarmStatus(rt: Runtime, ctx: ExecContext): SwarmStatus | null {
  return swarmStatusOf(ctx.kind === 'host' ? rt.daemon(ctx.host) : null);
}

export function completeDocker(rt: Runtime, ctx: ExecContext, rest: string[], word: string): string[] {
  if (rest.length === 0) return DOCKER_TREE.rootNames(swarmStatus(rt, ctx));
  const r = resolve(rest);
  if (!r) return [];
  if ('group' in r) {
    const status = swarmStatus(rt, ctx);
    return DOCKER_TREE.groupVerbs(r.group).filter((v) => verbShown(v, status)).map((v) => v.path.split(' ')[1]!);
  }
  const flags = Object.values(r.verb.flags).filter((f) => !f.spec.hidden);
  if (word.startsWith('-')) return flags.flatMap((f) => [`--${f.spec.name}`, ...(f.spec.short ? [`-${f.spec.short}`] : [])]);
  const prev = r.rest[r.rest.length - 1];
  const valued = flags.find((f) => f.spec.kind !== 'bool' && (prev === `--${f.spec.name}` || (f.spec.short !== undefined && prev === `-${f.spec.short}`) || (f.spec.aliases ?? []).some((a) => prev === `--${a}`)));
  if (valued) return candidates(rt, ctx, valued.completes);
  // Positional arguments so far: words that are neither flags nor a flag's value.
  let positional = 0;
  for (let i = 0; i < r.rest.length; i++) {
    const w = r.rest[i]!;
    if (w.startsWith('-')) {
      const f = flags.find((x) => w === `--${x.spec.name}` || w === `-${x.spec.short}`);
      if (f && f.spec.kind !== 'bool' && !w.includes('=')) i++;
      continue;
    }
    positional++;
    // Past the image of run/create (or the container of exec) the words belong to the container's command.
    if (!r.verb.interspersed) break;
  }
  if (!r.verb.interspersed && positional > 0) return [];
  const kinds = r.verb.completes;
  return candidates(rt, ctx, kinds[Math.min(positional, kinds.length - 1)]);
}
