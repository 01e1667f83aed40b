import { nextFloat, randomId } from '../../util/rng';
import type { ContainerCreateSpec, NetworkAttachSpec } from '../api';
import { err, ok, touch, hostNs, type DockerCtx, type DResult } from '../context';
import type { ContainerRec, EndpointConfig } from '../types';
import { endpointSettingsError } from './endpoints';
import { parseLink } from './etc-files';
import { containerEvent } from './events';
import { killContainer } from './lifecycle';
import { findNetwork, isRunning } from './lookup';
import { containerNamed, indexAdded, indexRemoved, indexRenamed } from './container-index';
import { generateName, isValidContainerName } from './names';
import { mainArgv } from './process';

/** Containers as records: create (with Docker's validation), remove, rename. */

export function createContainer(ctx: DockerCtx, spec: ContainerCreateSpec): DResult<ContainerRec> {
  const d = ctx.host.docker;
  const warnings: string[] = [];
  let name = spec.name;
  if (name !== null) {
    if (!isValidContainerName(name)) {
      return err(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    }
    name = name.replace(/^\//, '');
    const clash = containerNamed(d.containers, name);
    if (clash) {
      return err(
        `Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
  }
  const first = spec.networks[0];
  const mode = first ? first.network : 'bridge';
  let portBindings = spec.portBindings;
  let publishAll = spec.publishAll;
  if (mode === 'host') {
    if (spec.links.length > 0) {
      return err("conflicting options: host type networking can't be used with links. This would result in undefined behavior");
    }
    if (Object.keys(portBindings).length > 0 || publishAll) {
      warnings.push('Published ports are discarded when using host network mode');
      portBindings = {};
      publishAll = false;
    }
  }
  if (mode.startsWith('container:')) {
    // moby@v28.5.2 runconfig/hostconfig.go validateNetContainerMode, in its order. The target is
    // not looked up at create: a missing one fails the start (daemon/container_operations.go FIXME).
    if (mode === 'container:') return err('invalid network mode: invalid container format container:<name|id>');
    if (spec.hostname) return err('conflicting options: hostname and the network mode');
    if (spec.links.length > 0) return err("conflicting options: container type network can't be used with links. This would result in undefined behavior");
    if (spec.dns.length > 0 || spec.dnsSearch.length > 0 || spec.dnsOptions.length > 0) return err('conflicting options: dns and the network mode');
    if (spec.extraHosts.length > 0) return err('conflicting options: custom host-to-IP mapping and the network mode');
    if (Object.keys(portBindings).length > 0 || publishAll) return err('conflicting options: port publishing and the container type network mode');
    if (spec.expose.length > 0) return err('conflicting options: port exposing and the container type network mode');
  }
  // Endpoints: resolve networks now, as the daemon validates them at create time (API >= 1.44).
  const endpoints: EndpointConfig[] = [];
  const specs: NetworkAttachSpec[] = first ? spec.networks : [{ network: 'bridge', aliases: [], ip: null, links: [], mac: null, gwPriority: 0 }];
  if (!mode.startsWith('container:')) {
    for (const s of specs) {
      const found = findNetwork(ctx, s.network);
      // A swarm network the node has no copy of yet: the managers know it, attaching comes at start.
      const remote = 'error' in found && found.error.endsWith('not found') ? ctx.cluster?.findNetwork(s.network) : null;
      if ('error' in found && !remote) return err(found.error);
      const net = 'net' in found ? found.net : remote!;
      if (specs.length > 1 && (net.name === 'host' || net.name === 'none')) {
        // Only built-in networks reach here (the CLI refuses mixes); what the daemon says is unverified.
        return err(`sim: this lab does not model a container on ${specs.map((x) => x.network).join(' and ')} at once; give one --network`);
      }
      const e = endpointSettingsError(net, s);
      if (e) return err(e);
      if (net.driver === 'null') continue;
      endpoints.push({
        networkId: net.id,
        networkName: net.name,
        aliases: s.aliases,
        ipv4Requested: s.ip,
        links: s.links,
        macRequested: s.mac,
        gwPriority: s.gwPriority,
        live: null,
      });
    }
  }
  const id = randomId(ctx.world.rng);
  if (name === null) {
    for (let retry = 0; retry < 6 && name === null; retry++) {
      const candidate = generateName((n) => Math.floor(nextRand(ctx) * n), retry);
      if (!containerNamed(d.containers, candidate)) name = candidate;
    }
    name ??= id.slice(0, 12);
  }
  const image = spec.image;
  let hostname = spec.hostname ?? id.slice(0, 12);
  if (mode === 'host' && !spec.hostname) hostname = hostNs(ctx).hostname;
  const exposed = [...new Set([...image.exposedPorts, ...spec.expose, ...Object.keys(portBindings)])];
  const c: ContainerRec = {
    id,
    name,
    created: ctx.world.clock,
    image: spec.imageRef,
    imageId: image.id,
    path: '',
    args: [],
    entrypointOverride: spec.entrypoint,
    cmdOverride: spec.cmd,
    config: {
      hostname,
      domainname: spec.domainname,
      tty: spec.tty,
      openStdin: spec.openStdin,
      env: [...image.env, ...spec.env],
      labels: { ...image.labels, ...spec.labels },
      exposedPorts: exposed,
      workingDir: spec.workdir ?? image.workingDir,
      user: spec.user || image.user,
    },
    hostConfig: {
      networkMode: mode,
      portBindings,
      publishAllPorts: publishAll,
      autoRemove: spec.autoRemove,
      links: spec.links.map((l) => {
        const [t, a] = parseLink(l);
        return `/${t}:/${name}/${a}`;
      }),
      dns: spec.dns,
      dnsSearch: spec.dnsSearch,
      dnsOptions: spec.dnsOptions,
      extraHosts: spec.extraHosts,
      restartPolicy: spec.restart,
      privileged: spec.privileged,
      capAdd: spec.capAdd,
    },
    status: 'created',
    pid: 0,
    exitCode: 0,
    startedAt: null,
    finishedAt: null,
    restartCount: 0,
    error: '',
    nsId: null,
    sandboxId: null,
    endpoints,
    ports: {},
    logs: [],
    process: { kind: 'script' },
    files: {},
  };
  const argv = mainArgv(c, image);
  c.path = argv[0] ?? '';
  c.args = argv.slice(1);
  d.containers[id] = c;
  indexAdded(d.containers, c);
  touch(ctx);
  containerEvent(ctx, c, 'create');
  return ok(c, warnings);
}

function nextRand(ctx: DockerCtx): number {
  return nextFloat(ctx.world.rng);
}

export function removeContainer(ctx: DockerCtx, c: ContainerRec, force: boolean): DResult<null> {
  if (c.status === 'restarting') {
    if (!force) return err(`cannot remove container "/${c.name}": container is restarting: stop the container before removing or force remove`);
    c.status = 'exited';
  }
  if (isRunning(c)) {
    if (!force) {
      return err(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
    }
    killContainer(ctx, c, 'KILL');
  }
  // --rm may have removed it already when its process ended.
  if (ctx.host.docker.containers[c.id] !== c) return ok(null);
  delete ctx.host.docker.containers[c.id];
  indexRemoved(ctx.host.docker.containers, c);
  touch(ctx);
  containerEvent(ctx, c, 'destroy');
  return ok(null);
}

export function renameContainer(ctx: DockerCtx, c: ContainerRec, newName: string): DResult<null> {
  const name = newName.replace(/^\//, '');
  if (!isValidContainerName(name)) return err(`Invalid container name (${newName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  if (c.name === name) return err(`Renaming a container with the same name as its current name`);
  const clash = containerNamed(ctx.host.docker.containers, name);
  if (clash) {
    return err(`Error when allocating new name: Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  const oldName = c.name;
  c.name = name;
  indexRenamed(ctx.host.docker.containers, c, oldName);
  touch(ctx);
  containerEvent(ctx, c, 'rename', { oldName });
  return ok(null);
}

