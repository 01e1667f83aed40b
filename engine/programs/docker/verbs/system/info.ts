import { HOST_MEMORY_BYTES, type SwarmInfo } from '../../../../docker/api';
import { args, defineVerb, flag } from '../../cli/verb';
import { INSPECT_FORMAT_HELP } from '../../lib/format-help';
import { swarmInfoLines } from '../../lib/swarm';
import { template } from '../../lib/template';
import { humanDuration } from '../../../../util/humanize';
import { ENGINE_VERSION } from '../../lib/version';

/** info.Swarm as the API gives it (moby api/types/swarm/swarm.go Info), in its field order. */
function swarmJson(s: SwarmInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {
    NodeID: s.nodeId,
    NodeAddr: s.nodeAddr,
    LocalNodeState: s.state,
    ControlAvailable: s.isManager,
    Error: '',
    RemoteManagers: s.state === 'inactive' ? null : s.managerAddrs.map((Addr) => ({ NodeID: '', Addr })),
  };
  if (s.isManager) {
    out['Nodes'] = s.nodes;
    out['Managers'] = s.managers;
    out['Cluster'] = {
      ID: s.clusterId,
      Spec: {
        Orchestration: { TaskHistoryRetentionLimit: s.settings.taskHistoryLimit },
        Raft: { SnapshotInterval: s.settings.snapshotInterval, KeepOldSnapshots: s.settings.keepOldSnapshots, LogEntriesForSlowFollowers: 500, HeartbeatTick: 1, ElectionTick: 10 },
        Dispatcher: { HeartbeatPeriod: s.settings.heartbeatMs * 1_000_000 },
        CAConfig: { NodeCertExpiry: s.settings.certExpiryMs * 1_000_000 },
      },
      DefaultAddrPool: [s.defaultAddrPool],
      SubnetSize: s.subnetSize,
      DataPathPort: s.dataPathPort,
    };
  }
  return out;
}

/** docker/cli@v28.5.2 cli/command/system/info.go */
export const info = defineVerb({
  path: 'system info',
  shortcut: 'info',
  use: '[OPTIONS]',
  short: 'Display system-wide information',
  top: 12,
  flags: { format: flag.string('format', INSPECT_FORMAT_HELP, { short: 'f' }) },
  args: args.none,
  run({ p, d, opts }) {
    const info = d.info();
    const swarm = d.swarmInfo();
    const cs = { length: info.containers };
    const { running, paused, stopped, images } = info;
    const name = d.hostName;
    const data = {
      ID: info.daemonId,
      Containers: cs.length,
      ContainersRunning: running,
      ContainersPaused: paused,
      ContainersStopped: stopped,
      Images: images,
      Driver: 'overlay2',
      ServerVersion: ENGINE_VERSION,
      Name: name,
      NCPU: 2,
      MemTotal: HOST_MEMORY_BYTES,
      OperatingSystem: 'Debian GNU/Linux 13 (trixie)',
      OSType: 'linux',
      Architecture: 'x86_64',
      KernelVersion: '6.12.48+deb13-amd64',
      DockerRootDir: '/var/lib/docker',
      Swarm: swarmJson(swarm),
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'] },
    };
    const format = opts.format;
    if (format) return template(p, format === 'json' ? '{{json .}}' : format, data);
    p.out(`Client: Docker Engine - Community
 Version:    ${ENGINE_VERSION}
 Context:    default
 Debug Mode: false
 Plugins:
  buildx: Docker Buildx (Docker Inc.)
    Version:  v0.29.1
    Path:     /usr/libexec/docker/cli-plugins/docker-buildx
  compose: Docker Compose (Docker Inc.)
    Version:  v2.40.3
    Path:     /usr/libexec/docker/cli-plugins/docker-compose

Server:
 Containers: ${cs.length}
  Running: ${running}
  Paused: ${paused}
  Stopped: ${stopped}
 Images: ${images}
 Server Version: ${ENGINE_VERSION}
 Storage Driver: overlay2
  Backing Filesystem: extfs
  Supports d_type: true
  Using metacopy: false
  Native Overlay Diff: true
  userxattr: false
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog
 CDI spec directories:
  /etc/cdi
  /var/run/cdi
${swarmInfoLines(swarm, humanDuration)} Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Init Binary: docker-init
 containerd version: 442cb34bda9a6a0fed82a2ca7cade05c5c749582
 runc version: v1.3.3-0-gd842d771
 init version: de40ad0
 Security Options:
  apparmor
  seccomp
   Profile: builtin
  cgroupns
 Kernel Version: 6.12.48+deb13-amd64
 Operating System: Debian GNU/Linux 13 (trixie)
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Total Memory: 23.48GiB
 Name: ${name}
 ID: ${info.daemonId}
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  ::1/128
  127.0.0.0/8
 Live Restore Enabled: false
 Firewall Backend: iptables

`);
    return 0;
  },
});
