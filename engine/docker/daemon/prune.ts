import { parseTimestamp } from '../../util/timestamp';
import { err, ok, type DiskUsage, type DResult, type PruneFilters, type PruneReport } from '../api';
import type { DockerCtx } from '../context';
import type { ContainerRec, NetworkRec } from '../types';
import { removeContainer } from './containers';
import { logEvent } from './events';
import { deleteImage } from './image-store';
import { chainIds } from './layers';
import { imageById } from './images';
import { isRunning } from './lookup';
import { removeNetwork } from './networks';

/** The prune endpoints and disk usage (moby@v28.5.2 daemon/prune.go, daemon/images/image_prune.go, daemon/disk_usage.go). */

interface Criteria {
  /** Only what was created before this instant (ms), from until=. */
  until: number | null;
  matches(labels: Record<string, string>): boolean;
}

/** filters.Args.Validate, getUntilFromPruneFilters and matchLabels, with moby's error texts. */
function criteria(ctx: DockerCtx, filters: PruneFilters, accepted: string[]): Criteria | string {
  for (const key of Object.keys(filters)) if (!accepted.includes(key)) return `invalid filter '${key}'`;
  let until: number | null = null;
  const untilValues = filters['until'] ?? [];
  if (untilValues.length > 1) return 'more than one until filter specified';
  if (untilValues.length === 1) {
    const t = parseTimestamp(untilValues[0]!, ctx.world.clock);
    if (typeof t === 'string') return t;
    until = Number(t / 1_000_000n);
  }
  // MatchKVList: every "k" or "k=v" must hold; label! removes what matches all of its own.
  const kv = (list: string[], labels: Record<string, string>) =>
    list.every((f) => {
      const eq = f.indexOf('=');
      const k = eq < 0 ? f : f.slice(0, eq);
      return Object.hasOwn(labels, k) && (eq < 0 || labels[k] === f.slice(eq + 1));
    });
  const want = filters['label'] ?? [];
  const not = filters['label!'] ?? [];
  return {
    until,
    matches: (labels) => (want.length === 0 || kv(want, labels)) && (not.length === 0 || !kv(not, labels)),
  };
}

/**
 * What a container wrote on top of its image (SizeRw): the files the learner wrote, and for
 * nginx the cache directories and pid file it creates at start (about 1.09 kB).
 */
export function containerSizeRw(c: ContainerRec): number {
  let size = 0;
  // What the container wrote: files written in it, such as the default.conf nginx's entrypoint rewrites at start (1093 bytes).
  for (const text of Object.values(c.files)) size += new TextEncoder().encode(text).length;
  return size;
}

/** ContainersPrune: every container that is not running; full ids in the order the daemon walks them. */
export function pruneContainers(ctx: DockerCtx, filters: PruneFilters = {}): DResult<PruneReport> {
  const only = criteria(ctx, filters, ['label', 'label!', 'until']);
  if (typeof only === 'string') return err(only);
  const report: PruneReport = { deleted: [], reclaimed: 0 };
  const list = Object.values(ctx.host.docker.containers).sort((a, b) => a.created - b.created);
  for (const c of list) {
    if (isRunning(c) || c.status === 'restarting') continue;
    if ((only.until !== null && c.created > only.until) || !only.matches(c.config.labels)) continue;
    const size = containerSizeRw(c);
    if (!removeContainer(ctx, c, false).ok) continue;
    report.reclaimed += size;
    report.deleted.push(c.id);
  }
  logEvent(ctx, 'container', 'prune', '', { reclaimed: String(report.reclaimed) });
  return ok(report);
}

/** NetworksPrune: user networks without endpoints, by name. */
export function pruneNetworks(ctx: DockerCtx, filters: PruneFilters = {}): DResult<string[]> {
  const only = criteria(ctx, filters, ['label', 'label!', 'until']);
  if (typeof only === 'string') return err(only);
  const used = (n: NetworkRec) =>
    (n.serviceEndpoints?.length ?? 0) > 0 || Object.values(ctx.host.docker.containers).some((c) => isRunning(c) && c.endpoints.some((e) => e.networkId === n.id && e.live));
  const deleted: string[] = [];
  for (const n of Object.values(ctx.host.docker.networks).sort((a, b) => a.created - b.created)) {
    // A node's copies of swarm networks are the swarm's to remove.
    if (n.predefined || n.scope === 'swarm' || used(n)) continue;
    if ((only.until !== null && n.created > only.until) || !only.matches(n.labels)) continue;
    if (removeNetwork(ctx, n).ok) deleted.push(n.name);
  }
  logEvent(ctx, 'network', 'prune', '', { reclaimed: '0' });
  return ok(deleted);
}

/**
 * ImagesPrune: dangling images (the lab has none: every image it pulls keeps its tag), or with
 * `all` every image no container uses, running or not.
 */
export function pruneImages(ctx: DockerCtx, all: boolean, filters: PruneFilters = {}): DResult<PruneReport> {
  const only = criteria(ctx, filters, ['dangling', 'label', 'label!', 'until']);
  if (typeof only === 'string') return err(only);
  const report: PruneReport = { deleted: [], reclaimed: 0 };
  const inUse = new Set(Object.values(ctx.host.docker.containers).map((c) => c.imageId));
  for (const img of Object.values(ctx.host.docker.images).sort((a, b) => a.pulledAt - b.pulledAt)) {
    const dangling = img.repoTags.length === 0;
    if ((!all && !dangling) || inUse.has(img.id)) continue;
    const spec = imageById(img.id);
    const created = ctx.world.clock - (spec?.ageDays ?? 0) * 86_400_000;
    if ((only.until !== null && created > only.until) || !only.matches(spec?.labels ?? {})) continue;
    for (const t of img.repoTags) report.deleted.push(`untagged: ${t}`);
    if (spec && img.repoTags[0]) report.deleted.push(`untagged: ${img.repoTags[0].split(':')[0]}@${spec.digest}`);
    report.deleted.push(`deleted: ${img.id}`);
    if (spec) for (const layer of chainIds(spec)) report.deleted.push(`deleted: ${layer}`);
    report.reclaimed += spec?.size ?? 0;
    deleteImage(ctx, img);
  }
  logEvent(ctx, 'image', 'prune', '', { reclaimed: String(report.reclaimed) });
  return ok(report);
}

export function diskUsage(ctx: DockerCtx): DiskUsage {
  const containers = Object.values(ctx.host.docker.containers);
  return {
    images: Object.values(ctx.host.docker.images).map((img) => {
      const spec = imageById(img.id);
      return {
        id: img.id,
        repoTags: img.repoTags,
        size: spec?.size ?? 0,
        shared: 0,
        containers: containers.filter((c) => c.imageId === img.id).length,
        created: ctx.world.clock - (spec?.ageDays ?? 0) * 86_400_000,
      };
    }),
    containers: containers.map((c) => ({ c, sizeRw: containerSizeRw(c), sizeRootFs: (imageById(c.imageId)?.size ?? 0) + containerSizeRw(c) })),
  };
}
