import type { ServicePort } from '../../../docker/types';
import { parsePortSpec } from '../cli/ports';
import { parseNetworkOpt } from './network-opt';

/**
 * The values of `docker service create/update` flags, read as docker/cli@v28.5.2 reads them:
 * opts/swarmopts/port.go PortOpt (`8080:80` or `published=8080,target=80,mode=host`),
 * opts/network.go NetworkOpt, opts.ValidateEnv / ValidateLabel, and the float and duration types.
 */

/** encoding/csv's Read of one record (fields may be quoted). */
function csvFields(value: string): string[] | string {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let start = true;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted) {
      if (ch === '"' && value[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === ',') {
      out.push(field);
      field = '';
      start = true;
      continue;
    } else if (ch === '"' && start) quoted = true;
    else if (ch === '"') return `parse error on line 1, column ${i + 1}: bare " in non-quoted-field`;
    else field += ch;
    start = false;
  }
  if (quoted) return `parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`;
  out.push(field);
  return out;
}

/** strconv.ParseUint(val, 10, 16) as port.go reports it: the bare NumError reason. */
function port16(val: string): number | string {
  if (!/^\d+$/.test(val)) return 'invalid syntax';
  const n = Number(val);
  return n > 65535 ? 'value out of range' : n;
}

/** PortOpt.Set: the ports one `--publish` value adds. */
export function parsePortOpt(value: string): ServicePort[] | string {
  if (/\w+=\w+(,\w+=\w+)*/.test(value)) {
    const fields = csvFields(value);
    if (typeof fields === 'string') return fields;
    const port: ServicePort = { protocol: 'tcp', target: 0, published: 0, mode: 'ingress' };
    for (const field of fields) {
      const lower = field.toLowerCase();
      const eq = lower.indexOf('=');
      if (eq <= 0) return `invalid field: ${field}`;
      const key = lower.slice(0, eq);
      const val = lower.slice(eq + 1);
      switch (key) {
        case 'protocol':
          if (val === 'sctp') return 'sim: sctp ports are not part of this lab';
          if (val !== 'tcp' && val !== 'udp') return `invalid protocol value '${val}'`;
          port.protocol = val;
          break;
        case 'mode':
          if (val !== 'ingress' && val !== 'host') return `invalid publish mode value (${val}): must be either 'ingress' or 'host'`;
          port.mode = val;
          break;
        case 'target':
        case 'published': {
          const n = port16(val);
          if (typeof n === 'string') return `invalid ${key === 'target' ? 'target' : 'published'} port (${val}): value must be an integer: ${n}`;
          if (key === 'target') port.target = n;
          else port.published = n;
          break;
        }
        default:
          return `invalid field key: ${key}`;
      }
    }
    if (port.target === 0) return "missing mandatory field 'target'";
    return [port];
  }
  // The short syntax goes through go-connections/nat ParsePortSpecs, as `docker run -p` does.
  const spec = parsePortSpec(value);
  if ('error' in spec) return spec.error;
  if (spec.hostIp !== '') return 'hostip is not supported';
  const out: ServicePort[] = [];
  const count = spec.containerPortEnd - spec.containerPortStart;
  for (let i = 0; i <= count; i++) {
    const target = spec.containerPortStart + i;
    if (spec.hostPortStart === null) out.push({ protocol: spec.proto, target, published: 0, mode: 'ingress' });
    else if (count === 0) for (let h = spec.hostPortStart; h <= spec.hostPortEnd!; h++) out.push({ protocol: spec.proto, target, published: h, mode: 'ingress' });
    else out.push({ protocol: spec.proto, target, published: spec.hostPortStart + i, mode: 'ingress' });
  }
  return out;
}

export function checkPort(value: string): string | null {
  const r = parsePortOpt(value);
  return typeof r === 'string' && !r.startsWith('sim:') ? r : null;
}

export function checkNetwork(value: string): string | null {
  const r = parseNetworkOpt(value);
  return typeof r === 'string' ? r : null;
}

/** opts.ValidateEnv: a key is required; "KEY" alone takes the client's value, if it has one. */
export function checkEnv(value: string): string | null {
  return value.split('=')[0] === '' ? `invalid environment variable: ${value}` : null;
}

/** opts.ValidateLabel */
export function checkLabel(value: string): string | null {
  const key = value.split('=')[0]!.replace(/^[ \t]+/, '');
  if (key === '') return `invalid label '${value}': empty name`;
  if (/[ \t]/.test(key)) return `label '${key}' contains whitespaces`;
  return null;
}

/** floatValue.Set: strconv.ParseFloat(s, 32). */
export function checkFloat(value: string): string | null {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) || /^[+-]?(inf|infinity|nan)$/i.test(value) ? null : `strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax`;
}

/** opts.ConvertKVStringsToMap: "k=v" (a lone key maps to ""), later ones win. */
export function kvMap(list: readonly string[]): Record<string, string> {
  const out = new Map<string, string>();
  for (const item of list) {
    const eq = item.indexOf('=');
    out.set(eq < 0 ? item : item.slice(0, eq), eq < 0 ? '' : item.slice(eq + 1));
  }
  return Object.fromEntries(out);
}

/** The environment a service gets: ValidateEnv's lookup of bare keys, later values replacing earlier ones (opts.go makeEnv). */
export function serviceEnv(list: readonly string[], vars: Record<string, string>): string[] {
  let out: string[] = [];
  for (const raw of list) {
    const env = raw.includes('=') || !Object.hasOwn(vars, raw) ? raw : `${raw}=${vars[raw]}`;
    const key = env.split('=')[0]!;
    out = out.filter((e) => e === env || !e.startsWith(`${key}=`));
    out.push(env);
  }
  return out;
}

/** reference.FamiliarString(TagNameOnly(...)): `nginx` → `nginx:latest` (client/service_create.go imageWithTagString). */
export function taggedImage(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  const tagged = image.slice(lastSlash + 1).includes(':') ? image : `${image}:latest`;
  return tagged.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

/** The image for display: the familiar name with its tag, no digest (formatter.go Image()). */
export function displayImage(image: string): string {
  const at = image.indexOf('@');
  return at >= 0 && image.slice(0, at).slice(image.lastIndexOf('/', at) + 1).includes(':') ? image.slice(0, at) : image;
}

/** client/service_create.go digestWarning: the lab's registry does not answer distribution lookups. */
export function digestWarning(image: string): string {
  return `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n`;
}
