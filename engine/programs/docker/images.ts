import type { DockerCtx } from '../../docker/context';
import { findRegistryImage, imageById, parseImageRef, registryTags, shortImageId, IMAGES, type ImageSpec } from '../../docker/daemon/images';
import type { LocalImage } from '../../docker/types';
import { parseCommandLine } from './cli/flags';
import { SPECS } from './cli/specs';
import { humanSize } from '../../util/humanize';
import { formatTable } from '../../util/tabwriter';
import type { Proc } from '../../shell/types';
import { age, daemonError, renderFormatted } from './common';
import { showHelpOrError } from './help';
import { isRunning } from '../../docker/daemon/lookup';

/** Images: the local store, pulls from the simulated registry, images/history/rmi. */

export function normalizeRef(ref: string): string {
  const { repository, tag } = parseImageRef(ref);
  return `${repository.replace(/^docker\.io\//, '').replace(/^library\//, '')}:${tag}`;
}

export function findLocalImage(ctx: DockerCtx, ref: string): LocalImage | undefined {
  const d = ctx.host.docker;
  const byId = Object.values(d.images).find((i) => i.id === ref || i.id.slice(7).startsWith(ref.replace(/^sha256:/, '')) && ref.replace(/^sha256:/, '').length >= 4);
  if (byId && /^(sha256:)?[0-9a-f]{4,}$/.test(ref)) return byId;
  const want = normalizeRef(ref);
  return Object.values(d.images).find((i) => i.repoTags.includes(want));
}

/** Popular images a tutorial may name: saying they do not exist would be a lie. */
const WELL_KNOWN = new Set([
  'redis', 'postgres', 'mysql', 'mariadb', 'mongo', 'debian', 'httpd', 'node', 'python', 'golang', 'php', 'ruby', 'openjdk',
  'eclipse-temurin', 'traefik', 'traefik/whoami', 'containous/whoami', 'registry', 'hello-world', 'centos', 'fedora',
  'rockylinux', 'almalinux', 'amazonlinux', 'rabbitmq', 'memcached', 'wordpress', 'haproxy', 'caddy', 'elasticsearch',
  'grafana/grafana', 'prom/prometheus', 'portainer/portainer-ce', 'jenkins/jenkins', 'gitlab/gitlab-ce', 'adminer',
  'nginxdemos/hello', 'jwilder/nginx-proxy', 'praqma/network-multitool', 'wbitt/network-multitool', 'curlimages/curl',
  'ealen/echo-server', 'hashicorp/http-echo', 'kennethreitz/httpbin', 'mccutchen/go-httpbin', 'dockersamples/static-site',
]);

function layerIds(spec: ImageSpec): string[] {
  return spec.layers.filter((l) => !l.empty).map((_, i) => (spec.digest.slice(7 + i * 3, 7 + i * 3 + 12)));
}

/**
 * Pulls an image into the host's store, printing docker's progress lines. Returns the image or
 * Docker's error text when the registry has no such repository or tag.
 */
export function pullImage(ctx: DockerCtx, ref: string, print: (t: string) => void): { image: ImageSpec } | { error: string; sim?: boolean } {
  const { repository, tag } = parseImageRef(ref);
  const repo = repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const spec = findRegistryImage(ref);
  if (!spec) {
    if (IMAGES.some((i) => i.repository === repo)) {
      return { error: `sim: this lab's registry has ${repo} with the tags ${registryTags(repo).join(', ')}; not ${tag}`, sim: true };
    }
    if (WELL_KNOWN.has(repo)) {
      return { error: `sim: ${repo} is a real image, but this lab's registry only holds ${IMAGES.map((i) => i.repository).join(', ')}`, sim: true };
    }
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(repo)) {
      return { error: `invalid reference format: repository name (library/${repo}) must be lowercase` };
    }
    return { error: `pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied` };
  }
  const d = ctx.host.docker;
  const name = `${repo}:${tag}`;
  const existing = d.images[spec.id];
  print(`${tag}: Pulling from ${repo.includes('/') ? repo : `library/${repo}`}\n`);
  if (existing) {
    print(`Digest: ${spec.digest}\nStatus: Image is up to date for ${name}\n`);
    if (!existing.repoTags.includes(name)) existing.repoTags.push(name);
    return { image: spec };
  }
  for (const id of layerIds(spec)) print(`${id}: Pull complete\n`);
  print(`Digest: ${spec.digest}\nStatus: Downloaded newer image for ${name}\n`);
  d.images[spec.id] = { id: spec.id, repoTags: [name], pulledAt: ctx.world.clock };
  ctx.world.revision++;
  return { image: spec };
}

export function imagesCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['images']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['images']!, r);
  const d = ctx.host.docker;
  const now = ctx.world.clock;
  const rows: { repo: string; tag: string; id: string; created: number; size: number }[] = [];
  const filterRef = r.args[0];
  for (const img of Object.values(d.images)) {
    const spec = imageById(img.id)!;
    for (const t of img.repoTags) {
      const [repo, tag] = [t.slice(0, t.lastIndexOf(':')), t.slice(t.lastIndexOf(':') + 1)];
      if (filterRef && !(normalizeRef(filterRef) === t || filterRef === repo)) continue;
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

export function historyCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['history']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['history']!, r);
  const img = findLocalImage(ctx, r.args[0]!);
  if (!img) return daemonError(p, `No such image: ${normalizeRef(r.args[0]!)}`);
  const spec = imageById(img.id)!;
  const now = ctx.world.clock;
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

export function pullCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['pull']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['pull']!, r);
  const ref = r.args[0]!;
  const quiet = r.flags['quiet'] === true;
  if (!parseImageRef(ref).tag || !ref.includes(':')) if (!quiet) p.out('Using default tag: latest\n');
  let buffered = '';
  const res = pullImage(ctx, ref, (t) => (buffered += t));
  if ('error' in res) {
    if (res.sim) {
      p.err(`${res.error}\n`);
      return 1;
    }
    return daemonError(p, res.error);
  }
  if (!quiet) p.out(buffered);
  const { repository, tag } = parseImageRef(ref);
  const repo = repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
  p.out(`docker.io/${repo.includes('/') ? repo : `library/${repo}`}:${tag}\n`);
  p.rt.changed();
  return 0;
}

export function rmiCmd(p: Proc, ctx: DockerCtx, argv: string[]): number {
  const r = parseCommandLine(SPECS['rmi']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['rmi']!, r);
  let status = 0;
  for (const ref of r.args) {
    const img = findLocalImage(ctx, ref);
    if (!img) {
      status = daemonError(p, `No such image: ${normalizeRef(ref)}`);
      continue;
    }
    const users = Object.values(ctx.host.docker.containers).filter((c) => c.imageId === img.id);
    if (users.length > 0 && !r.flags['force']) {
      const c = users[0]!;
      const running = isRunning(c);
      status = daemonError(
        p,
        running
          ? `conflict: unable to delete ${shortImageId(img.id)} (cannot be forced) - image is being used by running container ${c.id.slice(0, 12)}`
          : `conflict: unable to remove repository reference "${ref}" (must force) - container ${c.id.slice(0, 12)} is using its referenced image ${shortImageId(img.id)}`,
      );
      continue;
    }
    for (const t of img.repoTags) p.out(`Untagged: ${t}\n`);
    p.out(`Untagged: ${img.repoTags[0]?.split(':')[0]}@${imageById(img.id)!.digest}\nDeleted: ${img.id}\n`);
    delete ctx.host.docker.images[img.id];
  }
  p.rt.changed();
  return status;
}
