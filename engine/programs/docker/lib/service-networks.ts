import type { EngineApi } from '../../../docker/api';
import type { SwarmNetwork } from '../../../docker/types';
import { parseNetworkOpt, type NetworkAttachment } from './network-opt';

/**
 * `--network` / `--network-add` / `--network-rm` values resolved as the CLI does before it sends
 * the spec (docker/cli@v28.5.2 cli/command/service/opts.go resolveNetworkID: NetworkInspect with
 * scope "swarm"): by full id, name, or unique id prefix among the swarm's networks. A worker sees
 * none, so it gets "network X not found" before the managers' refusal.
 */

export function findSwarmNetworkRef(d: EngineApi, ref: string): SwarmNetwork | string {
  const all = d.swarmNetworks();
  const exact = all.find((n) => n.id === ref) ?? all.find((n) => n.name === ref);
  if (exact) return exact;
  const byPrefix = ref === '' ? [] : all.filter((n) => n.id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1) return `network ${ref} is ambiguous (${byPrefix.length} matches found based on ID prefix)`;
  return `network ${ref} not found`;
}

export interface ResolvedNetworks {
  /** Network ids, sorted as the CLI sorts the attachments (by Target). */
  ids: string[];
  aliases: Record<string, string[]>;
}

/** Each `--network` value (plain name or `name=x,alias=y`), resolved; the daemon's error text otherwise. */
export function resolveNetworks(d: EngineApi, values: readonly string[]): ResolvedNetworks | { error: string } {
  const ids: string[] = [];
  const aliases = new Map<string, string[]>();
  for (const value of values) {
    const opt = parseNetworkOpt(value) as NetworkAttachment;
    const net = findSwarmNetworkRef(d, opt.target);
    if (typeof net === 'string') return { error: net };
    ids.push(net.id);
    if (opt.aliases.length > 0) aliases.set(net.id, [...opt.aliases]);
  }
  ids.sort();
  return { ids, aliases: Object.fromEntries(aliases) };
}
