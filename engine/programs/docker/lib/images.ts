import type { DaemonApi } from '../../../docker/api';

/** Image references and ids as the docker CLI prints them. */

/** "alpine" -> "alpine:latest", without docker.io/library/ prefixes. */
export function normalizeRef(d: DaemonApi, ref: string): string {
  const { repository, tag } = d.registry.parse(ref);
  return `${repository.replace(/^docker\.io\//, '').replace(/^library\//, '')}:${tag}`;
}

export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
