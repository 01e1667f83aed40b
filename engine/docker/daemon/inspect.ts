import type { DockerCtx } from '../context';
import { imageById } from './images';
import type { ContainerRec, ImageSpec, LocalImage, NetworkRec, PortBinding } from '../types';
import { goStruct, nilSlice } from '../../util/gotemplate';
import { rfc3339Nano } from '../../util/gotime';
import { diffIds } from './layers';
import { dict } from '../../util/own';
import { expandExposed, expandPortMap } from '../port-map';

function bindings(ports: Record<string, PortBinding[]>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, v.map((b) => goStruct({ HostIp: b.HostIp, HostPort: b.HostPort }))]));
}

/** The JSON shapes of `docker inspect` and `docker network inspect`, in Docker 28's field order. */

const ZERO_TIME = '0001-01-01T00:00:00Z';

function endpointJson(ctx: DockerCtx, c: ContainerRec, netId: string) {
  const ep = c.endpoints.find((e) => e.networkId === netId)!;
  const net = ctx.host.docker.networks[netId];
  const live = ep.live;
  const userNet = net ? !net.predefined : false;
  const dnsNames = userNet && live ? [...new Set([c.name, ...ep.aliases, c.id.slice(0, 12), ...(c.config.hostname !== c.id.slice(0, 12) ? [c.config.hostname] : [])])] : null;
  return goStruct({
    IPAMConfig: ep.ipv4Requested ? goStruct({ IPv4Address: ep.ipv4Requested }) : null,
    Links: ep.links.length ? ep.links : null,
    Aliases: ep.aliases.length ? ep.aliases : null,
    MacAddress: live?.mac ?? '',
    DriverOpts: null,
    GwPriority: ep.gwPriority,
    NetworkID: netId,
    EndpointID: live?.endpointId ?? '',
    Gateway: live?.gateway ?? '',
    IPAddress: live?.ip ?? '',
    IPPrefixLen: live?.ip ? live.prefix : 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: dnsNames,
  });
}

export function containerJson(ctx: DockerCtx, c: ContainerRec): Record<string, unknown> {
  const image = imageById(c.imageId);
  const networks: Record<string, unknown> = dict();
  const mode = c.hostConfig.networkMode;
  if (mode === 'none') {
    const none = Object.values(ctx.host.docker.networks).find((n) => n.name === 'none');
    networks['none'] = {
      IPAMConfig: null, Links: null, Aliases: null, MacAddress: '', DriverOpts: null, GwPriority: 0,
      NetworkID: none?.id ?? '', EndpointID: c.status === 'running' ? c.sandboxId?.slice(0, 64) ?? '' : '', Gateway: '', IPAddress: '',
      IPPrefixLen: 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null,
    };
  }
  for (const ep of c.endpoints) {
    if (ep.sandboxGateway) continue;
    const net = ctx.host.docker.networks[ep.networkId];
    networks[net ? net.name : (ep.networkName ?? ep.networkId)] = endpointJson(ctx, c, ep.networkId);
  }
  const bridgeEp = c.endpoints.find((e) => ctx.host.docker.networks[e.networkId]?.name === 'bridge')?.live;
  const ports: Record<string, unknown> = dict();
  // Containers without their own network stack have no port map at all.
  const ownStack = mode !== 'host' && mode !== 'none' && !mode.startsWith('container:');
  if ((c.status === 'running' || c.status === 'paused') && ownStack) {
    for (const p of expandExposed(c.config.exposedPorts)) ports[p] = nilSlice();
    Object.assign(ports, bindings(expandPortMap(c.ports)));
  }
  const short = c.id;
  return {
    Id: c.id,
    Created: rfc3339Nano(c.created, 1),
    Path: c.path,
    Args: c.args,
    State: goStruct({
      Status: c.status,
      Running: c.status === 'running' || c.status === 'paused',
      Paused: c.status === 'paused',
      Restarting: c.status === 'restarting',
      OOMKilled: false,
      Dead: c.status === 'dead',
      Pid: c.pid,
      ExitCode: c.exitCode,
      Error: c.error,
      StartedAt: c.startedAt ? rfc3339Nano(c.startedAt, 2) : ZERO_TIME,
      FinishedAt: c.finishedAt ? rfc3339Nano(c.finishedAt, 3) : ZERO_TIME,
    }),
    Image: c.imageId,
    ResolvConfPath: `/var/lib/docker/containers/${short}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${short}/hostname`,
    HostsPath: `/var/lib/docker/containers/${short}/hosts`,
    LogPath: `/var/lib/docker/containers/${short}/${short}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: null,
      ContainerIDFile: '',
      LogConfig: { Type: 'json-file', Config: {} },
      NetworkMode: c.hostConfig.networkMode,
      PortBindings: bindings(expandPortMap(c.hostConfig.portBindings)),
      RestartPolicy: { Name: c.hostConfig.restartPolicy, MaximumRetryCount: 0 },
      AutoRemove: c.hostConfig.autoRemove,
      VolumeDriver: '',
      VolumesFrom: null,
      ConsoleSize: [24, 80],
      CapAdd: c.hostConfig.capAdd.length ? c.hostConfig.capAdd : null,
      CapDrop: null,
      CgroupnsMode: 'private',
      Dns: c.hostConfig.dns,
      DnsOptions: c.hostConfig.dnsOptions ?? [],
      DnsSearch: c.hostConfig.dnsSearch ?? [],
      ExtraHosts: c.hostConfig.extraHosts.length ? c.hostConfig.extraHosts : null,
      GroupAdd: null,
      IpcMode: 'private',
      Cgroup: '',
      Links: c.hostConfig.links.length ? c.hostConfig.links : null,
      OomScoreAdj: 0,
      PidMode: '',
      Privileged: c.hostConfig.privileged,
      PublishAllPorts: c.hostConfig.publishAllPorts,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 67108864,
      Runtime: 'runc',
      Isolation: '',
    },
    GraphDriver: {
      Data: {
        MergedDir: `/var/lib/docker/overlay2/${c.id.slice(0, 64)}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${c.id.slice(0, 64)}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${c.id.slice(0, 64)}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: [],
    Config: {
      Hostname: c.config.hostname,
      Domainname: c.config.domainname,
      User: c.config.user,
      AttachStdin: c.config.openStdin,
      AttachStdout: true,
      AttachStderr: true,
      ...(c.config.exposedPorts.length ? { ExposedPorts: Object.fromEntries(expandExposed(c.config.exposedPorts).map((p) => [p, goStruct({})])) } : {}),
      Tty: c.config.tty,
      OpenStdin: c.config.openStdin,
      StdinOnce: c.config.openStdin,
      Env: c.config.env,
      Cmd: c.cmdOverride ?? (c.entrypointOverride || !image?.cmd.length ? null : image.cmd),
      Image: c.image,
      Volumes: image?.volumes.length ? Object.fromEntries(image.volumes.map((v) => [v, goStruct({})])) : null,
      WorkingDir: c.config.workingDir,
      Entrypoint: c.entrypointOverride ?? image?.entrypoint ?? null,
      OnBuild: null,
      Labels: c.config.labels,
      ...(image?.stopSignal ? { StopSignal: image.stopSignal } : {}),
    },
    NetworkSettings: {
      Bridge: '',
      SandboxID: c.sandboxId ?? '',
      SandboxKey: c.sandboxId ? `/var/run/docker/netns/${c.sandboxId.slice(0, 12)}` : '',
      Ports: ports,
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: bridgeEp?.endpointId ?? '',
      Gateway: bridgeEp?.gateway ?? '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: bridgeEp?.ip ?? '',
      IPPrefixLen: bridgeEp?.ip ? bridgeEp.prefix : 0,
      IPv6Gateway: '',
      MacAddress: bridgeEp?.mac ?? '',
      Networks: networks,
    },
  };
}

export function networkJson(ctx: DockerCtx, n: NetworkRec): Record<string, unknown> {
  const containers: Record<string, unknown> = dict();
  for (const c of Object.values(ctx.host.docker.containers)) {
    const ep = c.endpoints.find((e) => e.networkId === n.id);
    if (ep?.live) {
      containers[c.id] = goStruct({
        // The daemon's gateway endpoint is named after the sandbox (libnetwork default_gateway.go).
        Name: ep.sandboxGateway ? `gateway_${(c.sandboxId ?? c.id).slice(0, 12)}` : c.name,
        EndpointID: ep.live.endpointId,
        MacAddress: ep.live.mac,
        IPv4Address: ep.live.ip ? `${ep.live.ip}/${ep.live.prefix}` : '',
        IPv6Address: '',
      });
    } else if (n.name === 'none' && c.hostConfig.networkMode === 'none' && c.status === 'running') {
      containers[c.id] = { Name: c.name, EndpointID: c.sandboxId ?? '', MacAddress: '', IPv4Address: '', IPv6Address: '' };
    }
  }
  for (const e of n.serviceEndpoints ?? []) {
    containers[e.sandbox] = goStruct({ Name: e.name, EndpointID: e.endpointId, MacAddress: e.mac, IPv4Address: `${e.ip}/${e.prefix}`, IPv6Address: '' });
  }
  return {
    Name: n.name,
    Id: n.id,
    Created: rfc3339Nano(n.created, 4),
    Scope: n.scope,
    Driver: n.driver,
    EnableIPv4: n.enableIPv4,
    EnableIPv6: n.enableIPv6,
    IPAM: goStruct({ Driver: n.ipamDriver, Options: n.ipamOptions, Config: n.ipam.map((c) => goStruct({ ...c })) }),
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: n.ingress,
    ConfigFrom: goStruct({ Network: '' }),
    ConfigOnly: false,
    // A Go map: encoding/json writes its keys sorted.
    Containers: Object.fromEntries(Object.entries(containers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    Options: sortKeys(n.options),
    Labels: n.labels,
  };
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function imageJson(ctx: DockerCtx, img: LocalImage): Record<string, unknown> {
  const spec = imageById(img.id) as ImageSpec;
  const created = ctx.world.clock - spec.ageDays * 86_400_000;
  return {
    Id: spec.id,
    RepoTags: img.repoTags,
    RepoDigests: [`${spec.repository}@${spec.digest}`],
    Parent: '',
    Comment: spec.layers[spec.layers.length - 1]?.comment ?? '',
    Created: rfc3339Nano(created, 5),
    DockerVersion: '',
    Author: '',
    Config: {
      Hostname: '',
      Domainname: '',
      User: spec.user,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(spec.exposedPorts.length ? { ExposedPorts: Object.fromEntries(spec.exposedPorts.map((p) => [p, {}])) } : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: spec.env,
      Cmd: spec.cmd.length ? spec.cmd : null,
      Image: '',
      Volumes: spec.volumes.length ? Object.fromEntries(spec.volumes.map((v) => [v, {}])) : null,
      WorkingDir: spec.workingDir === '/' ? '' : spec.workingDir,
      Entrypoint: spec.entrypoint,
      OnBuild: null,
      Labels: Object.keys(spec.labels).length ? spec.labels : null,
      ...(spec.stopSignal ? { StopSignal: spec.stopSignal } : {}),
    },
    Architecture: 'amd64',
    Os: 'linux',
    Size: spec.size,
    GraphDriver: { Data: null, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: diffIds(spec) },
    Metadata: { LastTagTime: ZERO_TIME },
  };
}

