/**
 * `--network` values as docker/cli@v28.5.2 opts/network.go NetworkOpt.Set reads them: a plain
 * name, or the long form `name=net1,alias=web,ip=10.0.0.5,gw-priority=1` (one CSV record; docker
 * lower-cases every field, values included).
 */
export interface NetworkAttachment {
  target: string;
  aliases: string[];
  ipv4: string;
  ipv6: string;
  mac: string;
  linkLocalIps: string[];
  gwPriority: number;
  long: boolean;
}

export function parseNetworkOpt(value: string): NetworkAttachment | string {
  const opt: NetworkAttachment = { target: value, aliases: [], ipv4: '', ipv6: '', mac: '', linkLocalIps: [], gwPriority: 0, long: false };
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) return opt;
  opt.long = true;
  opt.target = '';
  for (const field of value.split(',')) {
    const lower = field.toLowerCase();
    const eq = lower.indexOf('=');
    if (eq <= 0) return `invalid field ${field}`;
    const key = lower.slice(0, eq).trim();
    const val = lower.slice(eq + 1).trim();
    switch (key) {
      case 'name':
        opt.target = val;
        break;
      case 'alias':
        opt.aliases.push(val);
        break;
      case 'ip':
        opt.ipv4 = val;
        break;
      case 'ip6':
        opt.ipv6 = val;
        break;
      case 'mac-address':
        opt.mac = val;
        break;
      case 'link-local-ip':
        opt.linkLocalIps.push(val);
        break;
      case 'driver-opt':
        if (!val.includes('=')) return 'invalid key value pair format in driver options';
        break;
      case 'gw-priority': {
        if (!/^[+-]?\d+$/.test(val)) return `invalid gw-priority (${val}): invalid syntax`;
        opt.gwPriority = Number(val);
        break;
      }
      default:
        return `invalid field key ${key}`;
    }
  }
  if (opt.target === '') return 'network name/id is not specified';
  return opt;
}

/** container.NetworkMode.IsUserDefined: anything but default, bridge, host, none and container:… */
export function isUserDefined(mode: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(mode) && !mode.startsWith('container:');
}
