import { bytesSize } from '../../../../util/humanize';
import { goTimeString } from '../../lib/time';

/** The parts of GET /nodes/{id} (engine/docker/swarm/node-inspect.ts) the pretty form reads. */
export interface NodeJson {
  ID: string;
  Spec: { Name?: string; Labels: Record<string, string>; Role: string; Availability: string };
  Description: {
    Hostname: string;
    Platform: { Architecture: string; OS: string };
    Resources: { NanoCPUs: number; MemoryBytes: number };
    Engine: { EngineVersion: string; Plugins: { Type: string; Name: string }[] };
    TLSInfo: { TrustRoot: string; CertIssuerSubject: string; CertIssuerPublicKey: string };
  };
  Status: { State: string; Addr: string };
  ManagerStatus?: { Leader?: boolean; Reachability: string; Addr: string };
}

/** The salt node-inspect.ts gives CreatedAt, so both forms show the same instant. */
const CREATED_SALT = 11;

/** formatter.PrettyPrint: the first letter up, the rest down. */
const pretty = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s);

/**
 * `docker node inspect --pretty` (docker/cli@v28.5.2 cli/command/node/formatter.go
 * nodeInspectPrettyTemplate): tabs as the template has them, not aligned by a tabwriter.
 */
export function prettyNode(n: NodeJson, created: number): string {
  const lines = [`ID:\t\t\t${n.ID}`];
  if (n.Spec.Name) lines.push(`Name:\t\t\t${n.Spec.Name}`);
  const labels = Object.entries(n.Spec.Labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length) lines.push('Labels:', ...labels.map(([k, v]) => ` - ${k}${v ? `=${v}` : ''}`));
  lines.push(`Hostname:              \t${n.Description.Hostname}`);
  lines.push(`Joined at:             \t${goTimeString(created, CREATED_SALT)}`);
  lines.push('Status:', ` State:\t\t\t${pretty(n.Status.State)}`, ` Availability:         \t${pretty(n.Spec.Availability)}`);
  if (n.Status.Addr) lines.push(` Address:\t\t${n.Status.Addr}`);
  if (n.ManagerStatus) {
    lines.push('Manager Status:', ` Address:\t\t${n.ManagerStatus.Addr}`, ` Raft Status:\t\t${pretty(n.ManagerStatus.Reachability)}`);
    lines.push(n.ManagerStatus.Leader ? ' Leader:\t\tYes' : ' Leader:\t\tNo');
  }
  lines.push('Platform:', ` Operating System:\t${n.Description.Platform.OS}`, ` Architecture:\t\t${n.Description.Platform.Architecture}`);
  lines.push('Resources:', ` CPUs:\t\t\t${Math.trunc(n.Description.Resources.NanoCPUs / 1e9)}`, ` Memory:\t\t${bytesSize(n.Description.Resources.MemoryBytes)}`);
  const byType = new Map<string, string[]>();
  for (const p of n.Description.Engine.Plugins) byType.set(p.Type, [...(byType.get(p.Type) ?? []), p.Name]);
  if (byType.size) {
    // A Go map ranged in a template comes out in key order.
    lines.push('Plugins:', ...[...byType.keys()].sort().map((t) => ` ${t}:\t\t${byType.get(t)!.join(', ')}`));
  }
  lines.push(`Engine Version:\t\t${n.Description.Engine.EngineVersion}`);
  const tls = n.Description.TLSInfo;
  lines.push('TLS Info:', ' TrustRoot:', tls.TrustRoot, ` Issuer Subject:\t${tls.CertIssuerSubject}`, ` Issuer Public Key:\t${tls.CertIssuerPublicKey}`);
  return lines.join('\n');
}
