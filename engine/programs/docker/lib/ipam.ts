import type { IpamConfig } from '../../../docker/types';
import { inSubnet, isIPv4, parseCidr, subnetsOverlap, type Cidr } from '../../../util/ipv4';

/** The CLI's own IPAM validation (consolidateIpam), before anything reaches the daemon. */
export function consolidateIpam(subnets: string[], ranges: string[], gateways: string[], aux: Record<string, string>): IpamConfig[] | string | { daemon: string } {
  if (subnets.length < ranges.length || subnets.length < gateways.length) return 'every ip-range or gateway must have a corresponding subnet';
  const cfgs: { sub: Cidr; cfg: IpamConfig }[] = [];
  // IPv6 subnets pass the CLI; with IPv6 off the daemon's ValidateIPAM skips them and libnetwork
  // allocates IPv4 only (moby@v28.5.2 api/types/network/ipam.go:33-52), so the network is created.
  const v6 = (x: string) => x.includes(':');
  subnets = subnets.filter((x) => !v6(x));
  ranges = ranges.filter((x) => !v6(x));
  gateways = gateways.filter((x) => !v6(x));
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
