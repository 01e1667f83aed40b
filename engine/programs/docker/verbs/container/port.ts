import { args, defineVerb } from '../../cli/verb';
import { bindingsAt, expandPortMap } from '../../../../docker/api';
import { daemonError, portKeyOrder } from '../../lib/common';

/** docker/cli@v28.5.2 cli/command/container/port.go */
export const port = defineVerb({
  path: 'container port',
  shortcut: 'port',
  use: 'CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  flags: {},
  args: args.between(1, 2),
  completes: ['container'],
  run({ p, d, args: [ref, want] }) {
    const found = d.container(ref!);
    if (!found.ok) return daemonError(p, found.error);
    const c = found.value;
    const fmt = (ip: string, hostPort: string) => `${ip.includes(':') ? `[${ip}]` : ip}:${hostPort}`;
    if (want) {
      const key = want.includes('/') ? want : `${want}/tcp`;
      const bs = bindingsAt(c.ports, key);
      if (!bs || bs.length === 0) {
        p.err(`Error: No public port '${want}' published for ${ref}\n`);
        return 1;
      }
      p.out(bs.map((b) => fmt(b.HostIp, b.HostPort) + '\n').join(''));
      return 0;
    }
    const ports = expandPortMap(c.ports);
    const lines: string[] = [];
    for (const key of Object.keys(ports).sort(portKeyOrder)) for (const b of ports[key]!) lines.push(`${key} -> ${fmt(b.HostIp, b.HostPort)}`);
    if (lines.length) p.out(lines.join('\n') + '\n');
    return 0;
  },
});
