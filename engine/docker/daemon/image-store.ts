import { err, ok, type DResult, type PullResult } from '../api';
import type { DockerCtx } from '../context';
import type { LocalImage } from '../types';
import { bareRepository, findRegistryImage, imageById, IMAGES, parseImageRef, registryHasRepository, shortImageId, unmodeledTag } from './images';
import { imageEvent } from './events';
import { chainIds } from './layers';
import { isRunning } from './lookup';

/** The host's image store: lookups by reference or id, pulls from the lab's registry, removal. */

export function normalizeRef(ref: string): string {
  const { repository, tag } = parseImageRef(ref);
  return `${repository.replace(/^docker\.io\//, '').replace(/^library\//, '')}:${tag}`;
}

export function findLocalImage(ctx: DockerCtx, ref: string): LocalImage | undefined {
  const d = ctx.host.docker;
  const bare = ref.replace(/^sha256:/, '');
  if (/^(sha256:)?[0-9a-f]{4,}$/.test(ref)) {
    const byId = Object.values(d.images).find((i) => i.id === ref || i.id.slice(7).startsWith(bare));
    if (byId) return byId;
  }
  const want = normalizeRef(ref);
  return Object.values(d.images).find((i) => i.repoTags.includes(want));
}

/** Popular images a tutorial may name that the lab's registry does not hold: saying they do not exist would be a lie. */
const WELL_KNOWN = new Set([
  'mysql', 'mariadb', 'mongo', 'debian', 'node', 'python', 'golang', 'php', 'ruby', 'openjdk',
  'eclipse-temurin', 'traefik', 'containous/whoami', 'registry', 'hello-world', 'centos', 'fedora',
  'rockylinux', 'almalinux', 'amazonlinux', 'rabbitmq', 'memcached', 'wordpress', 'haproxy', 'caddy', 'elasticsearch',
  'grafana/grafana', 'prom/prometheus', 'portainer/portainer-ce', 'jenkins/jenkins', 'gitlab/gitlab-ce', 'adminer',
  'nginxdemos/hello', 'jwilder/nginx-proxy', 'praqma/network-multitool', 'wbitt/network-multitool', 'curlimages/curl',
  'ealen/echo-server', 'hashicorp/http-echo', 'kennethreitz/httpbin', 'mccutchen/go-httpbin', 'dockersamples/static-site',
]);


/**
 * Pulls an image into the host's store, printing docker's progress lines. Returns the image or
 * Docker's error text when the registry has no such repository or tag.
 */
export function pullImage(ctx: DockerCtx, ref: string, print: (t: string) => void): PullResult {
  const { repository, tag } = parseImageRef(ref);
  const repo = bareRepository(repository);
  const spec = findRegistryImage(ref);
  if (!spec) {
    if (registryHasRepository(repo)) {
      if (unmodeledTag(repo, tag)) {
        return { ...err(`sim: ${repo}:${tag} is a real image, but this lab's registry does not hold that variant; try ${repo}:latest`), sim: true };
      }
      // The registry answers the manifest request with 404 MANIFEST_UNKNOWN (moby distribution/errors.go notFoundError).
      return err(`manifest for ${repo}:${tag} not found: manifest unknown: manifest unknown`);
    }
    if (WELL_KNOWN.has(repo)) {
      return { ...err(`sim: ${repo} is a real image, but this lab's registry does not hold it; images here: ${[...new Set(IMAGES.map((i) => i.repository))].join(', ')}`), sim: true };
    }
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(repo)) {
      return err(`invalid reference format: repository name (library/${repo}) must be lowercase`);
    }
    return err(`pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
  }
  const d = ctx.host.docker;
  const name = `${repo}:${tag}`;
  const existing = Object.hasOwn(d.images, spec.id) ? d.images[spec.id] : undefined;
  print(`${tag}: Pulling from ${repo.includes('/') ? repo : `library/${repo}`}\n`);
  if (existing?.repoTags.includes(name)) {
    print(`Digest: ${spec.digest}\nStatus: Image is up to date for ${name}\n`);
    imageEvent(ctx, spec.id, name, repo, 'pull');
    return ok(spec);
  }
  // Layers already in the store (this image under another tag, or a shared base) are not fetched again.
  const have = new Set(Object.values(d.images).flatMap((i) => imageById(i.id)?.layerDigests ?? []));
  for (const digest of spec.layerDigests) print(`${digest.slice(7, 19)}: ${have.has(digest) ? 'Already exists' : 'Pull complete'}\n`);
  print(`Digest: ${spec.digest}\nStatus: Downloaded newer image for ${name}\n`);
  if (existing) existing.repoTags.push(name);
  else d.images[spec.id] = { id: spec.id, repoTags: [name], pulledAt: ctx.world.clock };
  ctx.world.revision++;
  imageEvent(ctx, spec.id, name, repo, 'pull');
  return ok(spec);
}

/** `docker rmi REF`: refuses images in use unless forced; the Untagged/Deleted lines on success. */
export function removeImage(ctx: DockerCtx, ref: string, force: boolean): DResult<string[]> {
  const img = findLocalImage(ctx, ref);
  if (!img) return err(`No such image: ${normalizeRef(ref)}`);
  const users = Object.values(ctx.host.docker.containers).filter((c) => c.imageId === img.id);
  if (users.length > 0 && !force) {
    const c = users[0]!;
    return err(
      isRunning(c)
        ? `conflict: unable to delete ${shortImageId(img.id)} (cannot be forced) - image is being used by running container ${c.id.slice(0, 12)}`
        : `conflict: unable to remove repository reference "${ref}" (must force) - container ${c.id.slice(0, 12)} is using its referenced image ${shortImageId(img.id)}`,
    );
  }
  const lines = img.repoTags.map((t) => `Untagged: ${t}`);
  const spec = imageById(img.id)!;
  // The image, then the layers the layer store releases (moby@v28.5.2 daemon/images/image_delete.go).
  lines.push(`Untagged: ${img.repoTags[0]?.split(':')[0]}@${spec.digest}`, `Deleted: ${img.id}`, ...chainIds(spec).map((l) => `Deleted: ${l}`));
  deleteImage(ctx, img);
  return ok(lines);
}

/** Drops an image from the store with the events moby's image service logs (untag per reference, then delete). */
export function deleteImage(ctx: DockerCtx, img: LocalImage): void {
  for (let i = 0; i < img.repoTags.length; i++) imageEvent(ctx, img.id, img.id, img.id, 'untag');
  delete ctx.host.docker.images[img.id];
  ctx.world.revision++;
  imageEvent(ctx, img.id, img.id, img.id, 'delete');
}
