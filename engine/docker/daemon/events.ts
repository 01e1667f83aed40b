import type { DockerCtx } from '../context';
import type { ContainerRec, DockerEvent, NetworkRec } from '../types';
import { imageById } from './images';

/**
 * The daemon's event log, as moby's events service keeps it (daemon/events/events.go: the last
 * 256 messages) and daemon/events.go fills it: container events carry the container's labels
 * (the image's included) plus image and name; network events name and type.
 */

export const EVENTS_LIMIT = 256;

/** Well-formed events only: a damaged save must not break `docker events`. */
export function eventLog(ctx: DockerCtx): DockerEvent[] {
  const log = ctx.host.docker.events;
  if (!Array.isArray(log)) return [];
  return log.slice(-EVENTS_LIMIT).filter((e): e is DockerEvent => typeof e === 'object' && e !== null && typeof e.time === 'number' && typeof e.action === 'string' && typeof e.id === 'string' && typeof e.attributes === 'object' && e.attributes !== null);
}

export function logEvent(ctx: DockerCtx, type: DockerEvent['type'], action: string, id: string, attributes: Record<string, string>): void {
  const d = ctx.host.docker;
  const log = Array.isArray(d.events) ? d.events : (d.events = []);
  const time = ctx.world.clock;
  const last = log[log.length - 1];
  // Distinct, increasing nanoseconds within a millisecond, the first one drawn from the id.
  const nano = last && last.time === time ? Math.min(999_999, last.nano + 53_477) : nanoSeed(`${action}${id}`);
  log.push({ time, nano, type, action, id, attributes });
  // Trimmed in batches; readers see the last EVENTS_LIMIT.
  if (log.length > 2 * EVENTS_LIMIT) log.splice(0, log.length - EVENTS_LIMIT);
}

function nanoSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < Math.min(s.length, 16); i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h % 500_000;
}

/** daemon.LogContainerEventWithAttributes */
export function containerEvent(ctx: DockerCtx, c: ContainerRec, action: string, extra: Record<string, string> = {}): void {
  logEvent(ctx, 'container', action, c.id, { ...c.config.labels, ...extra, image: c.image, name: c.name });
}

/** daemon.LogNetworkEventWithAttributes */
export function networkEvent(ctx: DockerCtx, net: NetworkRec, action: string, extra: Record<string, string> = {}): void {
  logEvent(ctx, 'network', action, net.id, { ...extra, name: net.name, type: net.driver });
}

/** ImageService.LogImageEvent: the image's labels while it still exists (not for delete), and the reference as name. */
export function imageEvent(ctx: DockerCtx, imageId: string, id: string, name: string, action: string): void {
  const labels = action === 'delete' ? {} : (imageById(imageId)?.labels ?? {});
  logEvent(ctx, 'image', action, id, { ...labels, name });
}
