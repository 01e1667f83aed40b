import type { DiskUsage, PruneReport } from '../api';
import type { DockerCtx } from '../context';
import type { ContainerRec, NetworkRec } from '../types';
import { removeContainer } from './containers';
import { logEvent } from './events';
import { deleteImage } from './image-store';
import { chainIds } from './layers';
import { imageById } from './images';
import { isRunning } from './lookup';
import { removeNetwork } from './networks';

/** The prune endpoints and disk usage (moby@v28.5.2 daemon/prune.go, daemon/disk_usage.go). */

/**
 * What a container wrote on top of its image (SizeRw): the files the learner wrote, and for
 * nginx the cache directories and pid file it creates at start (about 1.09 kB).
 */
export function containerSizeRw(c: ContainerRec): number {
  let size = 0;
  for (const text of Object.values(c.files)) size += new TextEncoder().encode(text).length;
  const image = imageById(c.imageId);
  if (image?.repository === 'nginx' && c.startedAt !== null) size += 1093;
  return size;
}

/** ContainersPrune: every container that is not running; full ids in the order the daemon walks them. */
export function pruneContainers(ctx: DockerCtx): PruneReport {
  const report: PruneReport = { deleted: [], reclaimed: 0 };
  const list = Object.values(ctx.host.docker.containers).sort((a, b) => a.created - b.created);
  for (const c of list) {
    if (isRunning(c) || c.status === 'restarting') continue;
    const size = containerSizeRw(c);
    if (!removeContainer(ctx, c, false).ok) continue;
    report.reclaimed += size;
    report.deleted.push(c.id);
  }
  logEvent(ctx, 'container', 'prune', '', { reclaimed: String(report.reclaimed) });
  return report;
}

/** NetworksPrune: user networks without endpoints, by name. */
export function pruneNetworks(ctx: DockerCtx): string[] {
  const used = (n: NetworkRec) => Object.values(ctx.host.docker.containers).some((c) => isRunning(c) && c.endpoints.some((e) => e.networkId === n.id && e.live));
  const deleted: string[] = [];
  for (const n of Object.values(ctx.host.docker.networks).sort((a, b) => a.created - b.created)) {
    if (n.predefined || used(n)) continue;
    if (removeNetwork(ctx, n).ok) deleted.push(n.name);
  }
  logEvent(ctx, 'network', 'prune', '', { reclaimed: '0' });
  return deleted;
}

/**
 * ImagesPrune: dangling images (the lab has none: every image it pulls keeps its tag), or with
 * `all` every image no container uses, running or not.
 */
export function pruneImages(ctx: DockerCtx, all: boolean): PruneReport {
  const report: PruneReport = { deleted: [], reclaimed: 0 };
  const inUse = new Set(Object.values(ctx.host.docker.containers).map((c) => c.imageId));
  for (const img of Object.values(ctx.host.docker.images).sort((a, b) => a.pulledAt - b.pulledAt)) {
    const dangling = img.repoTags.length === 0;
    if ((!all && !dangling) || inUse.has(img.id)) continue;
    const spec = imageById(img.id);
    for (const t of img.repoTags) report.deleted.push(`untagged: ${t}`);
    if (spec && img.repoTags[0]) report.deleted.push(`untagged: ${img.repoTags[0].split(':')[0]}@${spec.digest}`);
    report.deleted.push(`deleted: ${img.id}`);
    if (spec) for (const layer of chainIds(spec)) report.deleted.push(`deleted: ${layer}`);
    report.reclaimed += spec?.size ?? 0;
    deleteImage(ctx, img);
  }
  logEvent(ctx, 'image', 'prune', '', { reclaimed: String(report.reclaimed) });
  return report;
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
