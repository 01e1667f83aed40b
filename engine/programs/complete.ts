import type { ExecContext, Runtime } from '../shell/types';
import { completeDocker } from './docker/complete';

/** Argument completion per program: docker's subcommands, flags and objects; hosts for ssh; containers for probes. */
export function completeArgs(rt: Runtime, ctx: ExecContext, words: string[], word: string): string[] | null {
  const cmd = words[0];
  const world = rt.world;
  if (cmd === 'docker') return completeDocker(rt, ctx, words.slice(1), word);
  if (cmd === 'ssh') return [...world.hostOrder, ...Object.keys(world.machines)];
  if (['ping', 'curl', 'wget', 'nslookup', 'nc', 'dig', 'host', 'drill', 'traceroute', 'getent'].includes(cmd ?? '')) {
    return rt.daemon(ctx.host)?.containers().map((c) => c.name) ?? [];
  }
  return null;
}
