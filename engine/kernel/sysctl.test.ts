import { describe, expect, it } from 'vitest';
import { attach, bridge, ns, ping, testWorld } from './testkit';
import { procSysKey, sysctlAll, sysctlGet, sysctlSet } from './sysctl';

describe('network sysctls of a namespace', () => {
  it('read what the namespace does: forwarding on a router, off in a container; one key per device', () => {
    const w = testWorld();
    const host = ns(w, 'host', 'host', { forward: true });
    const c = ns(w, 'c1', 'container');
    attach(w, host, bridge(w, host, 'docker0', '172.17.0.1/16'), c, '172.17.0.2/16', '172.17.0.1');
    expect(sysctlGet(host, 'net.ipv4.ip_forward')).toBe('1');
    expect(sysctlGet(c, 'net.ipv4.ip_forward')).toBe('0');
    expect(sysctlGet(host, 'net.ipv4.conf.docker0.forwarding')).toBe('1');
    expect(sysctlGet(host, 'net.ipv4.ip_local_port_range')).toBe('32768\t60999');
    // Docker turns IPv6 off on a container's interfaces of an IPv4-only network, not on lo.
    expect(sysctlGet(c, 'net.ipv6.conf.eth0.disable_ipv6')).toBe('1');
    expect(sysctlGet(c, 'net.ipv6.conf.lo.disable_ipv6')).toBe('0');
    expect(sysctlGet(host, 'net.ipv4.nosuch')).toBeNull();
    // br_netfilter's keys exist only once it is loaded.
    expect(sysctlGet(host, 'net.bridge.bridge-nf-call-iptables')).toBeNull();
    host.bridgeNfCall = true;
    expect(sysctlGet(host, 'net.bridge.bridge-nf-call-iptables')).toBe('1');
    const keys = sysctlAll(host).map(([k]) => k);
    expect(keys).toEqual([...keys].sort());
  });

  it('writing forwarding changes routing: 0 stops a container reaching past its host', () => {
    const w = testWorld();
    const host = ns(w, 'host', 'host', { forward: true });
    const c = ns(w, 'c1', 'container');
    const br = bridge(w, host, 'docker0', '172.17.0.1/16');
    attach(w, host, br, c, '172.17.0.2/16', '172.17.0.1');
    const other = ns(w, 'c2', 'container');
    attach(w, host, bridge(w, host, 'br1', '10.9.0.1/24'), other, '10.9.0.2/24', '10.9.0.1');
    expect(ping(w, c, '10.9.0.2').ok).toBe(true);
    expect(sysctlSet(host, 'net.ipv4.ip_forward', '0')).toBe('ok');
    w.netVersion++;
    expect(ping(w, c, '10.9.0.2').ok).toBe(false);
    expect(sysctlSet(host, 'net.ipv4.conf.all.forwarding', '1')).toBe('ok');
    w.netVersion++;
    expect(ping(w, c, '10.9.0.2').ok).toBe(true);
    expect(sysctlSet(host, 'net.ipv4.ip_forward', 'yes')).toBe('invalid');
    expect(sysctlSet(host, 'net.ipv4.nosuch', '1')).toBe('unknown');
    expect(sysctlSet(host, 'net.core.somaxconn', '1')).toBe('read-only');
  });

  it('/proc/sys paths map to dotted keys', () => {
    expect(procSysKey('/proc/sys/net/ipv4/ip_forward')).toBe('net.ipv4.ip_forward');
    expect(procSysKey('/proc/net/dev')).toBeNull();
  });
});
