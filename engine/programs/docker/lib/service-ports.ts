import type { ServicePort } from '../../../docker/types';

/**
 * `docker service ls` PORTS (docker/cli@v28.5.2 cli/command/service/formatter.go Ports): only
 * ingress-mode ports, sorted by protocol then published port, runs of consecutive ports folded
 * into ranges (`*:8080-8081->80-81/tcp`). Go compares uint32s there, so a port below the current
 * range's end "differs by more than one" and starts a new range.
 */
export function ingressPortsColumn(ports: readonly ServicePort[]): string {
  const sorted = [...ports].sort((a, b) => (a.protocol === b.protocol ? a.published - b.published : a.protocol < b.protocol ? -1 : 1));
  const out: string[] = [];
  let pr = { pStart: 0, pEnd: 0, tStart: 0, tEnd: 0, protocol: '' };
  const gap = (a: number, b: number) => ((a - b) >>> 0) > 1;
  const text = (r: typeof pr) => `*:${r.pEnd > r.pStart ? `${r.pStart}-${r.pEnd}` : r.pStart}->${r.tEnd > r.tStart ? `${r.tStart}-${r.tEnd}` : r.tStart}/${r.protocol}`;
  for (const p of sorted) {
    if (p.mode !== 'ingress') continue;
    const isRange = pr.tEnd !== pr.tStart;
    const overlaps = p.target <= pr.tEnd;
    if (p.protocol !== pr.protocol || gap(p.published, pr.pEnd) || gap(p.target, pr.tEnd) || (isRange && overlaps)) {
      if (pr.pStart > 0) out.push(text(pr));
      pr = { pStart: p.published, pEnd: p.published, tStart: p.target, tEnd: p.target, protocol: p.protocol };
      continue;
    }
    pr.pEnd = p.published;
    pr.tEnd = p.target;
  }
  if (pr.pStart > 0) out.push(text(pr));
  return out.join(', ');
}

/** `docker service ps` PORTS: the task's host-mode ports (task/formatter.go Ports). */
export function taskPortsColumn(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? []).map((p) => `*:${p.published}->${p.target}/${p.protocol}`).join(',');
}
