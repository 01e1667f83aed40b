import { args, defineVerb, flag } from '../cli/verb';
import { INSPECT_FORMAT_HELP } from '../lib/format-help';
import { template } from '../lib/template';
import { API_VERSION, ENGINE_VERSION } from '../lib/version';

function versionData() {
  return {
    Client: { Platform: { Name: 'Docker Engine - Community' }, Version: ENGINE_VERSION, ApiVersion: API_VERSION, DefaultAPIVersion: API_VERSION, GitCommit: 'ecc6942', GoVersion: 'go1.24.9', Os: 'linux', Arch: 'amd64', BuildTime: 'Wed Nov  5 14:43:27 2025', Context: 'default' },
    Server: { Platform: { Name: 'Docker Engine - Community' }, Version: ENGINE_VERSION, ApiVersion: API_VERSION, MinAPIVersion: '1.24', GitCommit: '89c5e8f', GoVersion: 'go1.24.9', Os: 'linux', Arch: 'amd64', KernelVersion: '6.12.48+deb13-amd64', BuildTime: '2025-11-05T14:43:27.000000000+00:00' },
  };
}

/** docker/cli@v28.5.2 cli/command/system/version.go */
export const version = defineVerb({
  path: 'version',
  use: '[OPTIONS]',
  short: 'Show the Docker version information',
  top: 10,
  flags: { format: flag.string('format', INSPECT_FORMAT_HELP, { short: 'f' }) },
  args: args.none,
  run({ p, opts }) {
    const format = opts.format;
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
  },
});
