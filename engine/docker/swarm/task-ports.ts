import type { PortBinding, SwarmTask } from '../types';

/**
 * Host-mode published ports (`--publish mode=host,...`) bind on the node that runs the task, as
 * a container's -p does (moby daemon/cluster/executor/container/container.go portBindings);
 * ingress-mode ports go through the routing mesh instead.
 */
export function hostPortBindings(t: SwarmTask): Record<string, PortBinding[]> {
  const out: Record<string, PortBinding[]> = {};
  for (const p of t.hostPorts ?? []) (out[`${p.target}/${p.protocol}`] ??= []).push({ HostIp: '', HostPort: String(p.published) });
  return out;
}
