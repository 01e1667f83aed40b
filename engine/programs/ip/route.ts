import { addRoute, linkByName } from '../../kernel/netns';
import { hasCarrier } from '../../kernel/links';
import { lookupRoute, sourceFor } from '../../kernel/route';
import type { Route } from '../../kernel/types';
import { isIPv4, networkOf, parseCidr } from '../../util/ipv4';
import { extack, fail, rtnl, type View } from './view';

/** `ip route`: the main table as iproute2 or busybox print it, `get`, and add/del/replace/change/append. */

export function routeLines(v: View): string[] {
  const sorted = [...v.ns.routes].sort((a, b) => {
    if (a.dst === 'default') return -1;
    if (b.dst === 'default') return 1;
    const pa = parseCidr(a.dst);
    const pb = parseCidr(b.dst);
    return pa && pb ? (pa.ip < pb.ip ? -1 : pa.ip > pb.ip ? 1 : 0) : 0;
  });
  return sorted.map((r) => {
    const link = linkByName(v.ns, r.dev);
    const parts = [r.dst];
    if (r.via) parts.push(`via ${r.via}`);
    parts.push(`dev ${r.dev}`);
    if (v.busybox) {
      // busybox prints "scope link " for any scope but universe, then " src …" (networking/libiproute/iproute.c).
      if (r.scope) parts.push(`scope ${r.scope}`);
      let line = parts.join(' ');
      if (r.src && r.proto === 'kernel') line += `  src ${r.src}`;
      return line;
    }
    if (r.proto && r.proto !== 'static') parts.push(`proto ${r.proto}`);
    if (r.scope) parts.push(`scope ${r.scope}`);
    if (r.src) parts.push(`src ${r.src}`);
    if (r.metric !== null) parts.push(`metric ${r.metric}`);
    if (link && !hasCarrier(v.p.rt.world, v.ns, link)) parts.push('linkdown');
    return parts.join(' ');
  });
}

export function routeShow(v: View, dev: string | null): number {
  const lines = routeLines(v).filter((l) => !dev || l.includes(` dev ${dev}`));
  if (lines.length) v.p.out(lines.join('\n') + '\n');
  return 0;
}

/** `ip route get ADDR`: the route the kernel would pick, and the source address it would use. */
export function routeGet(v: View, args: string[]): number {
  const dst = args.find((a) => a !== 'to');
  if (!dst || !isIPv4(dst)) {
    v.p.err(`Error: inet prefix is expected rather than "${dst ?? ''}".\n`);
    return 1;
  }
  const local = v.ns.links.find((l) => l.addrs.some((a) => a.ip === dst));
  if (local || dst.startsWith('127.')) {
    v.p.out(v.busybox ? `local ${dst} dev lo  src ${dst}\n` : `local ${dst} dev lo table local src ${dst} uid 0 \n    cache <local> \n`);
    return 0;
  }
  const r = lookupRoute(v.ns, dst);
  if (!r) return rtnl(v, 'Network is unreachable');
  const src = sourceFor(v.ns, r);
  const via = r.via ? ` via ${r.via}` : '';
  v.p.out(v.busybox ? `${dst}${via} dev ${r.dev}  src ${src}\n` : `${dst}${via} dev ${r.dev} src ${src} uid 0 \n    cache \n`);
  return 0;
}

interface RouteReq {
  dst: string | null;
  via: string | null;
  dev: string | null;
  src: string | null;
  metric: number | null;
  scope: 'link' | 'host' | null;
}

/** iproute_modify's argument loop (ip/iproute.c): keywords, then the one prefix. Returns an exit code on error. */
function parseRoute(v: View, args: string[]): RouteReq | number {
  const req: RouteReq = { dst: null, via: null, dev: null, src: null, metric: null, scope: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string | null => args[++i] ?? null;
    if (a === 'via' || a === 'src') {
      const ip = next();
      if (ip === null || !isIPv4(ip)) return fail(v, `Error: inet address is expected rather than "${ip ?? ''}".`, 1);
      if (a === 'via') req.via = ip;
      else req.src = ip;
    } else if (a === 'dev' || a === 'oif') req.dev = next();
    else if (a === 'metric' || a === 'priority' || a === 'preference') {
      const m = next();
      if (m === null || !/^\d+$/.test(m)) return fail(v, `Error: argument "${m ?? ''}" is wrong: "metric" value is invalid`, 255);
      req.metric = Number(m);
    } else if (a === 'scope') {
      const s = next();
      if (s !== 'link' && s !== 'host' && s !== 'global') return fail(v, `Error: argument "${s ?? ''}" is wrong: invalid "scope" value`, 255);
      req.scope = s === 'global' ? null : s;
    } else if (a === 'proto' || a === 'protocol' || a === 'table') next();
    else if (a === 'onlink') continue;
    else {
      const word = a === 'to' ? next() : a;
      if (req.dst !== null) return fail(v, `Error: either "to" is duplicate, or "${word ?? ''}" is garbage.`, 255);
      const ok = word === 'default' || (word !== null && (parseCidr(word) !== null || isIPv4(word)));
      if (!ok) return fail(v, `Error: inet prefix is expected rather than "${word ?? ''}".`, 1);
      req.dst = word;
    }
  }
  return req;
}

/** The kernel's key for a route: the canonical prefix ("default", "10.0.0.0/24"), or an error when host bits are set. */
function canonical(dst: string): string | null {
  if (dst === 'default' || dst === '0.0.0.0/0') return 'default';
  const c = parseCidr(dst.includes('/') ? dst : `${dst}/32`)!;
  const net = `${networkOf(c.ip, c.prefix)}/${c.prefix}`;
  return net === `${c.ip}/${c.prefix}` ? net : null;
}

/** `cmd` is add, del, replace, change or append. */
export function routeModify(v: View, cmd: string, args: string[]): number {
  const { ns } = v;
  const w = v.p.rt.world;
  const req = parseRoute(v, args);
  if (typeof req === 'number') return req;
  if (req.dst === null) return fail(v, 'Error: inet prefix is expected rather than "".', 1);
  if (req.dev !== null && !linkByName(ns, req.dev)) return fail(v, `Cannot find device "${req.dev}"`, 1);
  const dst = canonical(req.dst);
  // fib_table_insert / inet_rtm_newroute refuse a prefix with host bits set.
  if (dst === null) return extack(v, 'Invalid prefix for given prefix length');
  const same = (r: Route) =>
    r.dst === dst &&
    (req.metric === null || (r.metric ?? 0) === req.metric) &&
    (req.via === null || r.via === req.via) &&
    (req.dev === null || r.dev === req.dev);
  if (cmd === 'del') {
    // fib_find_alias walks aliases by priority: without a metric, the lowest one goes first.
    const hit = ns.routes.filter(same).sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0))[0];
    if (!hit) return rtnl(v, 'No such process');
    ns.routes = ns.routes.filter((r) => r !== hit);
    w.netVersion++;
    v.p.rt.changed();
    return 0;
  }
  let dev = req.dev;
  if (req.via !== null) {
    // fib_check_nh_v4_gw: the gateway must be on a connected network of an up device (of `dev`, if given).
    const onLink = lookupRoute(ns, req.via, req.dev ?? undefined);
    const local = ns.links.some((l) => l.addrs.some((a) => a.ip === req.via));
    if (!onLink || onLink.via !== null || local) return extack(v, 'Nexthop has invalid gateway');
    dev = onLink.dev;
  } else {
    if (dev === null) return rtnl(v, 'No such device');
    // fib_check_nh_nongw: a device route needs the device up.
    if (!linkByName(ns, dev)!.up) return extack(v, 'Device for nexthop is not up');
  }
  const metric = req.metric;
  const clash = ns.routes.find((r) => r.dst === dst && (r.metric ?? 0) === (metric ?? 0));
  if (clash && cmd === 'add') return rtnl(v, 'File exists');
  if (!clash && cmd === 'change') return rtnl(v, 'No such file or directory');
  if (clash && cmd !== 'append') ns.routes = ns.routes.filter((r) => r !== clash);
  addRoute(w, ns, { dst, via: req.via, dev: dev!, src: req.src, metric, proto: 'static', scope: req.scope ?? (req.via ? null : 'link') });
  v.p.rt.changed();
  return 0;
}
