import type { DaemonApi } from '../../docker/api';
import { parseCommandLine } from './cli/flags';
import { SPECS } from './cli/specs';
import { humanSize } from '../../util/humanize';
import { formatTable } from '../../util/tabwriter';
import type { Proc } from '../../shell/types';
import { age, daemonError, renderFormatted } from './common';
import { showHelpOrError } from './help';

/** Images: the local store, pulls from the simulated registry, images/history/rmi. */

/** "alpine" -> "alpine:latest", without docker.io/library/ prefixes. */
export function normalizeRef(d: DaemonApi, ref: string): string {
  const { repository, tag } = d.registry.parse(ref);
  return `${repository.replace(/^docker\.io\//, '').replace(/^library\//, '')}:${tag}`;
}

function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export function imagesCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const r = parseCommandLine(SPECS['images']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['images']!, r);
  const now = d.now();
  const rows: { repo: string; tag: string; id: string; created: number; size: number }[] = [];
  const filterRef = r.args[0];
  for (const img of d.images()) {
    const spec = d.registry.byId(img.id)!;
    for (const t of img.repoTags) {
      const [repo, tag] = [t.slice(0, t.lastIndexOf(':')), t.slice(t.lastIndexOf(':') + 1)];
      if (filterRef && !(normalizeRef(d, filterRef) === t || filterRef === repo)) continue;
      rows.push({ repo, tag, id: img.id, created: now - spec.ageDays * 86_400_000, size: spec.size });
    }
  }
  rows.sort((a, b) => b.created - a.created || (a.repo < b.repo ? -1 : 1));
  if (r.flags['quiet']) {
    const seen = new Set<string>();
    for (const row of rows) {
      const id = r.flags['no-trunc'] ? row.id : shortImageId(row.id);
      if (!seen.has(id)) p.out(id + '\n');
      seen.add(id);
    }
    return 0;
  }
  const format = String(r.flags['format'] ?? '');
  if (format) {
    return renderFormatted(
      p,
      format,
      rows.map((row) => ({ Containers: 'N/A', CreatedAt: new Date(row.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'), CreatedSince: age(row.created, now), Digest: '<none>', ID: r.flags['no-trunc'] ? row.id : shortImageId(row.id), Repository: row.repo, SharedSize: 'N/A', Size: humanSize(row.size), Tag: row.tag, UniqueSize: 'N/A', VirtualSize: humanSize(row.size) })),
      { ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Digest: 'DIGEST', Containers: 'CONTAINERS' },
      '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}',
    );
  }
  const table = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']];
  for (const row of rows) table.push([row.repo, row.tag, r.flags['no-trunc'] ? row.id : shortImageId(row.id), age(row.created, now), humanSize(row.size)]);
  p.out(formatTable(table));
  return 0;
}

export function historyCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const r = parseCommandLine(SPECS['history']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['history']!, r);
  const img = d.image(r.args[0]!);
  if (!img) return daemonError(p, `No such image: ${normalizeRef(d, r.args[0]!)}`);
  const spec = d.registry.byId(img.id)!;
  const now = d.now();
  const created = now - spec.ageDays * 86_400_000;
  const noTrunc = r.flags['no-trunc'] === true;
  const layers = [...spec.layers].reverse();
  if (r.flags['quiet']) {
    p.out(layers.map((_, i) => (i === 0 ? (noTrunc ? spec.id : shortImageId(spec.id)) : '<missing>') + '\n').join(''));
    return 0;
  }
  const table = [['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT']];
  layers.forEach((l, i) => {
    let by = l.createdBy.replace(/\t/g, ' ');
    if (!noTrunc && [...by].length > 45) by = [...by].slice(0, 44).join('') + '…';
    table.push([i === 0 ? (noTrunc ? spec.id : shortImageId(spec.id)) : '<missing>', age(created - l.ageDays * 86_400_000, now), by, humanSize(l.size), l.comment]);
  });
  p.out(formatTable(table));
  return 0;
}

export function pullCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const r = parseCommandLine(SPECS['pull']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['pull']!, r);
  const ref = r.args[0]!;
  const quiet = r.flags['quiet'] === true;
  if (!d.registry.parse(ref).tag || !ref.includes(':')) if (!quiet) p.out('Using default tag: latest\n');
  let buffered = '';
  const res = d.imagePull(ref, (t) => (buffered += t));
  if (!res.ok) {
    if (res.sim) {
      p.err(`${res.error}\n`);
      return 1;
    }
    return daemonError(p, res.error);
  }
  if (!quiet) p.out(buffered);
  const { repository, tag } = d.registry.parse(ref);
  const repo = repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
  p.out(`docker.io/${repo.includes('/') ? repo : `library/${repo}`}:${tag}\n`);
  p.rt.changed();
  return 0;
}

export function rmiCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const r = parseCommandLine(SPECS['rmi']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['rmi']!, r);
  let status = 0;
  for (const ref of r.args) {
    const res = d.imageRemove(ref, r.flags['force'] === true);
    if (!res.ok) status = daemonError(p, res.error);
    else p.out(res.value.map((l) => `${l}\n`).join(''));
  }
  p.rt.changed();
  return status;
}
