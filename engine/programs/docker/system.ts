import type { DaemonApi } from '../../docker/api';
import { parseCommandLine } from './cli/flags';
import { SPECS } from './cli/specs';
import { compileTemplate } from '../../util/gotemplate';
import type { Proc } from '../../shell/types';
import { showHelpOrError } from './help';

export const ENGINE_VERSION = '28.5.2';
export const API_VERSION = '1.51';

function versionData() {
  return {
    Client: { Platform: { Name: 'Docker Engine - Community' }, Version: ENGINE_VERSION, ApiVersion: API_VERSION, DefaultAPIVersion: API_VERSION, GitCommit: 'ecc6942', GoVersion: 'go1.24.9', Os: 'linux', Arch: 'amd64', BuildTime: 'Wed Nov  5 14:43:27 2025', Context: 'default' },
    Server: { Platform: { Name: 'Docker Engine - Community' }, Version: ENGINE_VERSION, ApiVersion: API_VERSION, MinAPIVersion: '1.24', GitCommit: '89c5e8f', GoVersion: 'go1.24.9', Os: 'linux', Arch: 'amd64', KernelVersion: '6.12.48+deb13-amd64', BuildTime: '2025-11-05T14:43:27.000000000+00:00' },
  };
}

export function versionCmd(p: Proc, argv: string[]): number {
  const r = parseCommandLine(SPECS['version']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['version']!, r);
  const format = r.flags['format'] as string | undefined;
  if (format) return template(p, format, versionData());
  p.out(`Client: Docker Engine - Community
 Version:           ${ENGINE_VERSION}
 API version:       ${API_VERSION}
 Go version:        go1.24.9
 Git commit:        ecc6942
 Built:             Wed Nov  5 14:43:27 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          ${ENGINE_VERSION}
  API version:      ${API_VERSION} (minimum version 1.24)
  Go version:       go1.24.9
  Git commit:       89c5e8f
  Built:            Wed Nov  5 14:43:27 2025
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          v1.7.29
  GitCommit:        442cb34bda9a6a0fed82a2ca7cade05c5c749582
 runc:
  Version:          1.3.3
  GitCommit:        v1.3.3-0-gd842d771
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
`);
  return 0;
}

function template(p: Proc, format: string, data: unknown): number {
  const t = compileTemplate(format);
  if (!t.ok) {
    p.err(`${t.error}\n`);
    return 64;
  }
  const r = t.execute(data);
  if (!r.ok) {
    p.err(`${r.error}\n`);
    return 64;
  }
  p.out(r.text + '\n');
  return 0;
}

export function infoCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const r = parseCommandLine(SPECS['info']!, argv);
  if (!r.ok || r.help) return showHelpOrError(p, SPECS['info']!, r);
  const info = d.info();
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
    MemTotal: 25_216_294_912,
    OperatingSystem: 'Debian GNU/Linux 13 (trixie)',
    OSType: 'linux',
    Architecture: 'x86_64',
    KernelVersion: '6.12.48+deb13-amd64',
    DockerRootDir: '/var/lib/docker',
    Swarm: { LocalNodeState: 'inactive', NodeID: '', NodeAddr: '' },
    Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'] },
  };
  const format = r.flags['format'] as string | undefined;
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
 Swarm: inactive
 Runtimes: io.containerd.runc.v2 runc
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
}
