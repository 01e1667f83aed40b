import { ENGINE_VERSION, HOST_MEMORY_BYTES, type NodeView } from '../api';
import { rfc3339Nano } from '../../util/gotime';
import type { SwarmCluster } from '../types';
import { managerAddr } from './cluster';

/**
 * A node as GET /nodes/{id} returns it: moby api/types/swarm/node.go in Go's field order, with
 * the `omitempty` fields left out when empty. The engine description is this lab's daemon.
 */

/** What a node's engine reports of its plugins (swarmkit sorts them by type, then name). */
const PLUGINS: readonly [string, string][] = [
  ...['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'].map((n): [string, string] => ['Log', n]),
  ...['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'].map((n): [string, string] => ['Network', n]),
  ['Volume', 'local'],
];

/** A PEM-shaped stand-in for the cluster's root CA certificate, stable per cluster. */
function trustRoot(cluster: SwarmCluster): string {
  const body = btoa(`docknet-swarm-root-ca:${cluster.id}:${cluster.caHash}`.repeat(6)).slice(0, 7 * 64);
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function nodeInspect(cluster: SwarmCluster, view: NodeView): unknown {
  const n = view.node;
  const out: Record<string, unknown> = {
    ID: n.id,
    Version: { Index: n.version ?? 1 },
    CreatedAt: rfc3339Nano(n.created, 11),
    UpdatedAt: rfc3339Nano(n.updated ?? n.created, 13),
    // A Go map marshals with its keys sorted.
    Spec: { Labels: Object.fromEntries(Object.entries(n.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), Role: n.role, Availability: n.availability },
    Description: {
      Hostname: n.host,
      Platform: { Architecture: 'x86_64', OS: 'linux' },
      Resources: { NanoCPUs: 2_000_000_000, MemoryBytes: HOST_MEMORY_BYTES },
      Engine: { EngineVersion: ENGINE_VERSION, Plugins: PLUGINS.map(([Type, Name]) => ({ Type, Name })) },
      TLSInfo: {
        TrustRoot: trustRoot(cluster),
        CertIssuerSubject: btoa(`0\u00131\u00110\u000f\u0006\u0003U\u0004\u0003\u0013\bswarm-ca`),
        CertIssuerPublicKey: btoa(`docknet-ca-key:${cluster.caHash}`),
      },
    },
    Status: { State: view.status === 'Ready' ? 'ready' : 'down', Addr: n.addr },
  };
  if (n.role === 'manager' && !n.left) {
    const reach = view.managerStatus === 'Unreachable' ? 'unreachable' : 'reachable';
    out['ManagerStatus'] = n.leader ? { Leader: true, Reachability: reach, Addr: managerAddr(n) } : { Reachability: reach, Addr: managerAddr(n) };
  }
  return out;
}
