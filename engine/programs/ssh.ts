import { resolveHost } from './resolve';
import { dict } from '../util/own';
import { tcpConnect } from '../apps/http';
import { nsOf, type ExecContext, type Program } from '../shell/types';

/** ssh HOST: opens a shell on another machine of the lab, if its port 22 is reachable from here. */
export const ssh: Program = async (p) => {
  const target = p.argv.slice(1).find((a) => !a.startsWith('-'));
  if (!target) {
    p.err('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           destination [command [argument ...]]\n');
    return 255;
  }
  const hostPart = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
  const w = p.rt.world;
  const r = resolveHost(p, hostPart);
  if (!r.ok) {
    p.err(`ssh: Could not resolve hostname ${hostPart}: ${r.reason === 'nxdomain' ? 'Name or service not known' : 'Temporary failure in name resolution'}\n`);
    return 255;
  }
  const ns = nsOf(p);
  if (!ns) return 255;
  const c = tcpConnect(p.rt.apps, ns, r.ip, 22);
  if (!c.ok) {
    if (c.reason === 'timeout') await p.rt.sleep(30_000, p.signal);
    const why = c.reason === 'refused' ? 'Connection refused' : c.reason === 'timeout' ? 'Connection timed out' : c.reason === 'net-unreachable' ? 'Network is unreachable' : 'No route to host';
    p.err(`ssh: connect to host ${hostPart} port 22: ${why}\n`);
    return 255;
  }
  const arrived = c.arrived.ns.id;
  const host = Object.values(w.hosts).find((h) => h.nsId === arrived);
  const machine = Object.values(w.machines).find((m) => m.nsId === arrived);
  if (!host && !machine) {
    p.err(`ssh: connect to host ${hostPart} port 22: Connection refused\n`);
    return 255;
  }
  const ctx: ExecContext = {
    kind: host ? 'host' : 'machine',
    host: (host ?? machine)!.name,
    containerId: null,
    endsContainer: false,
    shell: 'bash',
    vars: dict(),
  };
  const command = p.argv.slice(p.argv.indexOf(target) + 1);
  if (command.length > 0) return p.runLine(command.join(' '), ctx, { out: p.out, err: p.err });
  p.out(`Linux ${ctx.host} 6.12.48+deb13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.12.48-1 (2025-09-20) x86_64\n`);
  p.session.push(ctx);
  return 0;
};
