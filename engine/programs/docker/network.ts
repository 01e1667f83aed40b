import type { DaemonApi } from '../../docker/api';
import type { ContainerRec, IpamConfig, NetworkRec } from '../../docker/types';
import { parseCommandLine } from './cli/flags';
import { SPECS } from './cli/specs';
import { inSubnet, isIPv4, parseCidr, subnetsOverlap, type Cidr } from '../../util/ipv4';
import type { Proc } from '../../shell/types';
import { daemonError, parseFilters, renderFormatted } from './common';
import { showHelpOrError } from './help';
import { printInspect } from './inspect';

/** docker network create | ls | inspect | connect | disconnect | rm | prune */

function kv(list: string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) return `invalid key/value pair format in driver options`;
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** The CLI's own IPAM validation (consolidateIpam), before anything reaches the daemon. */
function consolidateIpam(subnets: string[], ranges: string[], gateways: string[], aux: Record<string, string>): IpamConfig[] | string | { daemon: string } {
  if (subnets.length < ranges.length || subnets.length < gateways.length) return 'every ip-range or gateway must have a corresponding subnet';
  const cfgs: { sub: Cidr; cfg: IpamConfig }[] = [];
  for (const s of subnets) {
    const c = parseCidr(s);
    // Docker 28's CLI passes a lone subnet through; the daemon's IPAM validation rejects it.
    if (!c) return { daemon: `invalid network config:\ninvalid subnet ${s}: invalid CIDR block notation` };
    for (const o of cfgs) if (subnetsOverlap(o.sub, c)) return 'multiple overlapping subnet configuration is not supported';
    cfgs.push({ sub: c, cfg: { Subnet: s } });
  }
  for (const r of ranges) {
    const rc = parseCidr(r);
    if (!rc) return `invalid CIDR address: ${r}`;
    const m = cfgs.find((x) => inSubnet(rc.ip, x.sub) && rc.prefix >= x.sub.prefix);
    if (!m) return `no matching subnet for range ${r}`;
    if (m.cfg.IPRange) return `cannot configure multiple ranges (${r}, ${m.cfg.IPRange}) on the same subnet (${m.cfg.Subnet})`;
    m.cfg.IPRange = r;
  }
  for (const g of gateways) {
    if (!isIPv4(g)) return `invalid gateway address: ${g}`;
    const m = cfgs.find((x) => inSubnet(g, x.sub));
    if (!m) return `no matching subnet for gateway ${g}`;
    if (m.cfg.Gateway) return `cannot configure multiple gateways (${g}, ${m.cfg.Gateway}) for the same subnet (${m.cfg.Subnet})`;
    m.cfg.Gateway = g;
  }
  for (const [k, ip] of Object.entries(aux)) {
    if (!isIPv4(ip)) return `invalid aux-address: ${ip}`;
    const m = cfgs.find((x) => inSubnet(ip, x.sub));
    if (!m) return `no matching subnet for aux-address ${ip}`;
    m.cfg.AuxiliaryAddresses = { ...(m.cfg.AuxiliaryAddresses ?? {}), [k]: ip };
  }
  return cfgs.map((x) => x.cfg);
}

function createCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const spec = SPECS['network create']!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  const a = (n: string) => (r.flags[n] as string[] | undefined) ?? [];
  const opts = kv(a('opt'));
  if (typeof opts === 'string') {
    p.err(`invalid argument "${a('opt').join(',')}" for "-o, --opt" flag: ${opts}\n`);
    return 125;
  }
  const aux = kv(a('aux-address'));
  if (typeof aux === 'string') {
    p.err(`invalid argument "${a('aux-address').join(',')}" for "--aux-address" flag: ${aux}\n`);
    return 125;
  }
  const labels = Object.fromEntries(a('label').map((l) => [l.split('=')[0]!, l.includes('=') ? l.slice(l.indexOf('=') + 1) : '']));
  const ipam = consolidateIpam(a('subnet'), a('ip-range'), a('gateway'), aux);
  if (typeof ipam === 'string') {
    p.err(`${ipam}\n`);
    return 1;
  }
  if ('daemon' in ipam) return daemonError(p, ipam.daemon);
  const name = r.args[0]!;
  const res = d.networkCreate({
    name,
    driver: String(r.flags['driver'] ?? 'bridge'),
    ipam,
    internal: r.flags['internal'] === true,
    attachable: r.flags['attachable'] === true,
    ipv6: r.flags['ipv6'] === true,
    ipv4: r.flags['ipv4'] !== false,
    options: opts,
    labels,
    scope: (r.flags['scope'] as string | undefined) ?? null,
    ingress: r.flags['ingress'] === true,
  });
  if (!res.ok) return daemonError(p, res.error);
  p.rt.changed();
  p.out(`${res.value.id}\n`);
  // Docker 27+ would also give it an IPv6 subnet; the lab models IPv4 only, and says so.
  if (r.flags['ipv6'] === true) p.err('sim: IPv6 addresses are not part of this lab; the network only gets IPv4 addresses\n');
  return 0;
}

const NATURAL = new Intl.Collator('en', { numeric: true });

/** Natural order: "net2" before "net10". */
function naturalCompare(a: string, b: string): number {
  return NATURAL.compare(a, b);
}

function lsCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const spec = SPECS['network ls']!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  const filters = parseFilters(p, (r.flags['filter'] as string[] | undefined) ?? []);
  if (!filters) return 1;
  const valid = ['driver', 'name', 'id', 'label', 'scope', 'type', 'dangling'];
  for (const k of filters.keys()) if (!valid.includes(k)) return daemonError(p, `invalid filter '${k}'`);
  const used = new Set(d.containers().flatMap((c) => c.endpoints.map((e) => e.networkId)));
  const list = d.networks()
    .filter((n) => {
      for (const [k, vals] of filters) {
        const ok = vals.some((v) => {
          switch (k) {
            case 'driver':
              return n.driver === v;
            case 'name':
              return n.name.includes(v);
            case 'id':
              return n.id.startsWith(v);
            case 'scope':
              return n.scope === v;
            case 'type':
              return v === 'custom' ? !n.predefined : v === 'builtin' ? n.predefined : false;
            case 'label': {
              const [lk, lv] = v.split('=');
              return lk! in n.labels && (lv === undefined || n.labels[lk!] === lv);
            }
            case 'dangling':
              return (v === 'true' || v === '1') === (!n.predefined && !used.has(n.id));
            default:
              return false;
          }
        });
        if (!ok) return false;
      }
      return true;
    })
    .sort((a, b) => naturalCompare(a.name, b.name));
  const noTrunc = r.flags['no-trunc'] === true;
  if (r.flags['quiet'] === true) {
    p.out(list.map((n) => (noTrunc ? n.id : n.id.slice(0, 12)) + '\n').join(''));
    return 0;
  }
  const rows = list.map((n) => ({
    CreatedAt: new Date(n.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    Driver: n.driver,
    ID: noTrunc ? n.id : n.id.slice(0, 12),
    IPv4: String(n.enableIPv4),
    IPv6: String(n.enableIPv6),
    Internal: String(n.internal),
    Labels: Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(','),
    Name: n.name,
    Scope: n.scope,
  }));
  return renderFormatted(
    p,
    String(r.flags['format'] ?? ''),
    rows,
    { CreatedAt: 'CREATED', Driver: 'DRIVER', ID: 'NETWORK ID', IPv4: 'IPV4', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', Name: 'NAME', Scope: 'SCOPE' },
    '{{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}',
  );
}

function inspectCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const spec = SPECS['network inspect']!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  const objects: unknown[] = [];
  const errors: string[] = [];
  for (const ref of r.args) {
    const n = d.network(ref);
    if (n.ok) objects.push(d.networkInspect(n.value));
    else errors.push(`Error response from daemon: ${n.error}`);
  }
  return printInspect(p, objects, errors, (r.flags['format'] as string | undefined) ?? null);
}

/** NETWORK CONTAINER arguments, resolved in the daemon's order: the container first. */
function networkAndContainer(p: Proc, d: DaemonApi, args: string[]): { net: NetworkRec; c: ContainerRec } | number {
  const [netRef, ctrRef] = args as [string, string];
  const c = d.container(ctrRef);
  if (!c.ok) return daemonError(p, c.error);
  const n = d.network(netRef);
  if (!n.ok) return daemonError(p, n.error);
  return { net: n.value, c: c.value };
}

function connectCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const spec = SPECS['network connect']!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  const pair = networkAndContainer(p, d, r.args);
  if (typeof pair === 'number') return pair;
  const { c, net } = pair;
  const ip = (r.flags['ip'] as string | undefined) ?? null;
  if (ip !== null && !isIPv4(ip)) {
    p.err(`invalid IPv4 address: ${ip}\n`);
    return 1;
  }
  const res = d.networkConnect(net, c, {
    aliases: (r.flags['alias'] as string[] | undefined) ?? [],
    ip,
    links: (r.flags['link'] as string[] | undefined) ?? [],
    gwPriority: Number(r.flags['gw-priority'] ?? 0),
  });
  if (!res.ok) return daemonError(p, res.error);
  p.rt.changed();
  return 0;
}

function disconnectCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const spec = SPECS['network disconnect']!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  const pair = networkAndContainer(p, d, r.args);
  if (typeof pair === 'number') return pair;
  const res = d.networkDisconnect(pair.net, pair.c);
  if (!res.ok) return daemonError(p, res.error);
  p.rt.changed();
  return 0;
}

function rmCmd(p: Proc, d: DaemonApi, argv: string[]): number {
  const spec = SPECS['network rm']!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  let status = 0;
  for (const ref of r.args) {
    const n = d.network(ref);
    if (!n.ok) {
      if (r.flags['force'] === true && n.error.endsWith('not found')) continue;
      status = daemonError(p, n.error);
      continue;
    }
    const res = d.networkRemove(n.value);
    if (!res.ok) {
      status = daemonError(p, res.error);
      continue;
    }
    p.out(`${ref}\n`);
  }
  p.rt.changed();
  return status;
}

async function pruneCmd(p: Proc, d: DaemonApi, argv: string[]): Promise<number> {
  const spec = SPECS['network prune']!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  if (r.flags['force'] !== true) {
    const question = 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ';
    p.out(question);
    const answer = p.readLine ? await p.readLine('') : '';
    if (!p.readLine) p.out('\n');
    if (!answer || !/^y(es)?$/i.test(answer.trim())) return 0;
  }
  const deleted = d.networkPrune();
  if (deleted.length) p.out(`Deleted Networks:\n${deleted.join('\n')}\n\n`);
  p.rt.changed();
  return 0;
}

const NETWORK_USAGE = `
Usage:  docker network COMMAND

Manage networks

Commands:
  connect     Connect a container to a network
  create      Create a network
  disconnect  Disconnect a container from a network
  inspect     Display detailed information on one or more networks
  ls          List networks
  prune       Remove all unused networks
  rm          Remove one or more networks

Run 'docker network COMMAND --help' for more information on a command.
`;

export async function networkCmd(p: Proc, d: DaemonApi, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case undefined:
    case '--help':
    case '-h':
      p.out(NETWORK_USAGE);
      return 0;
    case 'create':
      return createCmd(p, d, rest);
    case 'ls':
    case 'list':
      return lsCmd(p, d, rest);
    case 'inspect':
      return inspectCmd(p, d, rest);
    case 'connect':
      return connectCmd(p, d, rest);
    case 'disconnect':
      return disconnectCmd(p, d, rest);
    case 'rm':
    case 'remove':
      return rmCmd(p, d, rest);
    case 'prune':
      return pruneCmd(p, d, rest);
    default:
      if (sub.startsWith('-')) {
        p.err(`unknown flag: ${sub}\n\nUsage:  docker network COMMAND\n\nRun 'docker network --help' for more information\n`);
        return 125;
      }
      p.err(`docker: unknown command: docker network ${sub}\n\nUsage:  docker network COMMAND\n\nRun 'docker network --help' for more information\n`);
      return 1;
  }
}

