/**
 * The images the simulated registry holds (catalog/, one file per family): each knows its
 * history, default command, exposed ports, the programs its filesystem has, its files and the
 * server it runs. This module answers the registry's questions: which image a reference names.
 */

import type { ImageSpec } from '../types';
import { CATALOG, unmodeledTag } from './catalog/index';

export type { HistoryLayer, ImageSpec, ShellFlavor } from '../types';

/** One spec per image, in catalogue order. */
export const IMAGES: ImageSpec[] = CATALOG.map((e) => e.spec);

const BY_ID = new Map(IMAGES.map((i) => [i.id, i] as const));

/** repository -> tag -> image. */
const BY_TAG = new Map<string, Map<string, ImageSpec>>();
for (const e of CATALOG) {
  let tags = BY_TAG.get(e.spec.repository);
  if (!tags) BY_TAG.set(e.spec.repository, (tags = new Map()));
  for (const t of e.tags) tags.set(t, e.spec);
}

/** Splits "repo:tag" (or "repo@sha256:..."); the tag defaults to latest. */
export function parseImageRef(ref: string): { repository: string; tag: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { repository: ref.slice(0, at), tag: 'latest' };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: 'latest' };
}

/** "docker.io/library/nginx" -> "nginx". */
export function bareRepository(repository: string): string {
  return repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

export function registryTags(repo: string): string[] {
  return [...(BY_TAG.get(repo)?.keys() ?? [])];
}

export function registryHasRepository(repo: string): boolean {
  return BY_TAG.has(repo);
}

export { unmodeledTag };

/** The registry side: which image a reference names, if it exists. `library/` and `docker.io/` prefixes are accepted. */
export function findRegistryImage(ref: string): ImageSpec | undefined {
  const { repository, tag } = parseImageRef(ref);
  return BY_TAG.get(bareRepository(repository))?.get(tag);
}

export function imageById(id: string): ImageSpec | undefined {
  return BY_ID.get(id);
}

export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
