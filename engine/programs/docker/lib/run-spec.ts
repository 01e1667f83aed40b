import type { ContainerCreateSpec, DaemonApi, NetworkAttachSpec } from '../../../docker/api';
import type { ImageSpec } from '../../../docker/types';
import type { Proc } from '../../../shell/types';
import { isIPv4 } from '../../../util/ipv4';
import { dict, own } from '../../../util/own';
import type { FlagValues } from '../cli/verb';
import { parsePortSpec, toPortBindings, type PortSpec } from '../cli/ports';
import { isUserDefined, parseNetworkOpt, type NetworkAttachment } from './network-opt';
import type { CREATE_FLAGS } from './run-flags';

/** `docker run` / `docker create`: from typed flags to the daemon's create spec, with the CLI's own checks. */

export type CreateOptions = FlagValues<typeof CREATE_FLAGS>;

/** Flags the lab acts on; any other given flag gets one `sim:` line (lib/run-flags.ts lists them all). */
const MODELED = new Set<string>([
  'name', 'network', 'networkAlias', 'ip', 'publish', 'publishAll', 'expose', 'env', 'label', 'hostname', 'domainname',
  'tty', 'interactive', 'entrypoint', 'workdir', 'user', 'rm', 'link', 'dns', 'addHost', 'restart', 'privileged',
  'capAdd', 'macAddress', 'quiet', 'pull', 'help', 'detach', 'sigProxy', 'platform', 'disableContentTrust', 'attach',
  'dnsSearch', 'dnsOption',
]);

/** Per flag table: each unmodeled flag's key → its place in the table and its `--name`. */
const unmodeledCache = new WeakMap<object, Map<string, { at: number; word: string }>>();

/** The given flags the lab leaves out, as `--name` words, in the flag table's order. */
export function unmodeledFlags(flags: Record<string, { spec: { name: string } }>, givenKeys: readonly string[]): string[] {
  let table = unmodeledCache.get(flags);
  if (!table) {
    table = new Map(
      Object.entries(flags)
        .filter(([key]) => !MODELED.has(key))
        .map(([key, f], at) => [key, { at, word: `--${f.spec.name}` }]),
    );
    unmodeledCache.set(flags, table);
  }
  const hits: { at: number; word: string }[] = [];
  for (const key of givenKeys) {
    const hit = table.get(key);
    if (hit) hits.push(hit);
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => h.word);
}

/**
 * parseNetworkOpts (docker/cli@v28.5.2 cli/command/container/opts.go:749-805): the first
 * network takes --network-alias, --link, --ip and --mac-address; user-defined and built-in
 * networks cannot be mixed; a network may appear once.
 */
function networkAttachments(o: CreateOptions): NetworkAttachSpec[] | string {
  const given = o.network.map((v) => parseNetworkOpt(v) as NetworkAttachment);
  const list = given.length > 0 ? given : [{ target: 'default', aliases: [], ipv4: '', ipv6: '', mac: '', linkLocalIps: [], gwPriority: 0, long: false }];
  const out: NetworkAttachSpec[] = [];
  const seen = new Set<string>();
  let user = false;
  let builtin = false;
  for (const [i, n] of list.entries()) {
    const userDefined = isUserDefined(n.target);
    if (given.length > 0) {
      if (userDefined) user = true;
      else builtin = true;
    }
    let links: string[] = [];
    if (i === 0) {
      if (n.aliases.length > 0 && o.networkAlias.length > 0) return 'conflicting options: cannot specify both --network-alias and per-network alias';
      if (n.ipv4 && o.ip) return 'conflicting options: cannot specify both --ip and per-network IPv4 address';
      if (n.mac && o.macAddress) return 'conflicting options: cannot specify both --mac-address and per-network MAC address';
      if (o.networkAlias.length > 0) n.aliases = [...o.networkAlias];
      if (userDefined && o.link.length > 0) links = [...o.link];
      if (o.ip) n.ipv4 = o.ip;
      if (o.macAddress) n.mac = o.macAddress;
    }
    if (n.target.trim() === '') return 'no name set for network';
    if (!userDefined && n.aliases.length > 0) return 'network-scoped aliases are only supported for user-defined networks';
    if (n.mac && !/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(n.mac.trim())) return `${n.mac} is not a valid mac address`;
    if (seen.has(n.target)) return `network "${n.target}" is specified multiple times`;
    seen.add(n.target);
    if (n.ipv4 && !isIPv4(n.ipv4)) return `invalid IPv4 address: ${n.ipv4}`;
    const network = n.target === 'default' ? 'bridge' : n.target;
    out.push({ network, aliases: n.aliases, ip: n.ipv4 || null, links, mac: n.mac || null, gwPriority: n.gwPriority });
  }
  if (user && builtin) return 'conflicting options: cannot attach both user-defined and non-user-defined network-modes';
  // Without --network the daemon joins the default bridge; only an --ip or MAC needs saying.
  if (given.length === 0) return out[0]!.ip || out[0]!.mac ? out : [];
  return out;
}

/** The create spec from flags (the image is resolved afterwards); Docker's text for client-side failures. */
export function buildSpec(p: Proc, o: CreateOptions, imageRef: string, cmd: string[]): Omit<ContainerCreateSpec, 'image'> | string {
  const ports: PortSpec[] = [];
  for (const raw of o.publish) {
    const ps = parsePortSpec(raw);
    if ('error' in ps) return ps.error;
    ports.push(ps);
  }
  const networks = networkAttachments(o);
  if (typeof networks === 'string') return networks;
  const first = o.network.length > 0 ? (parseNetworkOpt(o.network[0]!) as NetworkAttachment).target : 'default';
  const labels: Record<string, string> = dict();
  for (const l of o.label) {
    const eq = l.indexOf('=');
    labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
  }
  for (const h of o.addHost) {
    if (!/^[^:=]+[:=]\d+\.\d+\.\d+\.\d+$/.test(h) && !/^[^:=]+[:=]host-gateway$/.test(h)) return `invalid argument "${h}" for "--add-host" flag: invalid IP address in add-host: "${h.split(/[:=]/)[1] ?? ''}"`;
  }
  const policy = o.restart.split(':')[0]!;
  if (!['no', 'always', 'on-failure', 'unless-stopped'].includes(policy)) {
    return `invalid restart policy: unknown policy '${policy}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
  }
  if (o.rm && policy !== 'no') return 'Conflicting options: --restart and --rm';
  if (!['always', 'missing', 'never', ''].includes(o.pull)) return `invalid pull option: '${o.pull}': must be one of "always", "missing" or "never"`;
  return {
    name: o.name || null,
    imageRef,
    cmd: cmd.length > 0 ? cmd : null,
    entrypoint: o.entrypoint !== '' ? [o.entrypoint] : null,
    hostname: o.hostname || null,
    domainname: o.domainname,
    tty: o.tty,
    openStdin: o.interactive,
    env: o.env.map((e) => (e.includes('=') ? e : `${e}=${own(p.ctx.vars, e) ?? ''}`)),
    labels,
    expose: o.expose.map((e) => (e.includes('/') ? e : `${e}/tcp`)),
    workdir: o.workdir || null,
    user: o.user,
    networks,
    portBindings: toPortBindings(ports),
    publishAll: o.publishAll,
    autoRemove: o.rm,
    links: isUserDefined(first) ? [] : o.link,
    dns: o.dns,
    dnsSearch: o.dnsSearch,
    dnsOptions: o.dnsOption,
    extraHosts: o.addHost,
    restart: o.restart,
    privileged: o.privileged,
    capAdd: o.capAdd,
  };
}

/** docker/cli create.go localhostDNSWarning: a loopback --dns rarely works inside a container. */
export function localhostDnsWarning(dns: string[]): string | null {
  const lo = dns.find((d) => /^127\./.test(d) || d === '::1');
  return lo ? `Localhost DNS (${lo}) may fail in containers.` : null;
}

/**
 * The image for `docker run`/`create` under --pull (docker/cli create.go createContainer):
 * "missing" pulls when the daemon has no such image, "always" pulls first, "never" does not.
 */
export function ensureImage(p: Proc, d: DaemonApi, ref: string, pull: string, quiet: boolean): ImageSpec | { error: string; sim?: boolean } {
  const local = d.image(ref);
  if (local && pull !== 'always') return d.registry.byId(local.id)!;
  const { repository, tag } = d.registry.parse(ref);
  const familiar = `${repository.replace(/^docker\.io\//, '').replace(/^library\//, '')}:${tag}`;
  if (pull === 'never') return { error: `No such image: ${familiar}` };
  if (!local && !quiet) p.err(`Unable to find image '${familiar}' locally\n`);
  let progress = '';
  const r = d.imagePull(ref, (t) => (progress += t));
  if (!r.ok) return { error: r.error, sim: r.sim };
  if (!quiet) p.err(progress);
  return r.value;
}
