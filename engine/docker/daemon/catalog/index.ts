import { ALPINE } from './alpine';
import type { CatalogEntry } from './base';
import { BUSYBOX } from './busybox';
import { MISC } from './misc';
import { NGINX, NGINX_UNMODELED } from './nginx';
import { SERVER_IMAGES } from './servers';

/** The simulated registry's images, each with the tags that name it. One file per family. */
export const CATALOG: readonly CatalogEntry[] = [...ALPINE, ...BUSYBOX, ...NGINX, ...MISC, ...SERVER_IMAGES];

/** Tags that exist on Docker Hub for a repository the lab has, but name builds the lab does not model. */
export function unmodeledTag(repository: string, tag: string): boolean {
  if (repository === 'nginx') return NGINX_UNMODELED.test(tag);
  if (repository === 'alpine') return tag === 'edge' || /^\d{8}$/.test(tag);
  return false;
}
