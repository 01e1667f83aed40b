import { slashTime } from '../apps/servers/common';
import { containerOf, daemonOf, nsOf, type Program } from '../shell/types';
import { readFile } from '../shell/files';
import { missingOnHost } from './place';
import { imageOf } from './libc';
import { closeServer, newPid, openServer, waitWhile } from './serve';

/** The nginx binary in the nginx images: -v, -V, -t, -T, -s SIGNAL, and starting a (second) server. */

const CONF = '/etc/nginx/nginx.conf';

export const nginx: Program = async (p) => {
  const missing = missingOnHost(p);
  if (missing !== null) return missing;
  const args = p.argv.slice(1);
  const server = imageOf(p)?.server;
  const version = server?.app === 'nginx' ? server.version : '1.29.3';
  const build = server?.app === 'nginx' ? server.build : 'gcc 14.2.0 (Debian 14.2.0-19)';
  const c = containerOf(p);
  const ns = nsOf(p);
  const running = ns?.listeners.find((l) => l.app.kind === 'app' && l.app.name === 'nginx' && l.app.containerId === (c?.id ?? null));
  const ts = slashTime(p.rt.world.clock);
  if (args.includes('-h') || args.includes('-?')) {
    p.err(`nginx version: nginx/${version}\nUsage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n             [-e filename] [-c filename] [-g directives]\n`);
    return 0;
  }
  if (args.includes('-v')) {
    p.err(`nginx version: nginx/${version}\n`);
    return 0;
  }
  if (args.includes('-V')) {
    p.err(`nginx version: nginx/${version}\nbuilt by ${build}\nTLS SNI support enabled\n`);
    return 0;
  }
  if (args.includes('-t') || args.includes('-T')) {
    p.err(`nginx: the configuration file ${CONF} syntax is ok\nnginx: configuration file ${CONF} test is successful\n`);
    if (args.includes('-T')) {
      for (const f of [CONF, '/etc/nginx/conf.d/default.conf']) p.out(`# configuration file ${f}:\n${readFile(p, f) ?? ''}\n`);
    }
    return 0;
  }
  const s = args.indexOf('-s');
  if (s >= 0) {
    const signal = args[s + 1];
    if (!signal || !['stop', 'quit', 'reopen', 'reload'].includes(signal)) {
      p.err(`nginx: invalid option: "-s ${signal ?? ''}"\n`);
      return 1;
    }
    if (!running || running.app.kind !== 'app') {
      p.err(`${ts} [error] ${newPid(p)}#0: open() "/run/nginx.pid" failed (2: No such file or directory)\nnginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)\n`);
      return 1;
    }
    const pid = newPid(p);
    p.err(`${ts} [notice] ${pid}#${pid}: signal process started\n`);
    if (signal === 'stop' || signal === 'quit') {
      const d = daemonOf(p);
      // The master is the container's PID 1: when it exits, so does the container.
      if (running.app.pid === 1 && c && d) d.containerExited(c, 0);
      else closeServer(p, ns!.listeners.filter((l) => l.app === running.app));
    }
    return 0;
  }
  const opened = openServer(p, { name: 'nginx', sockets: [{ proto: 'tcp', ip: '0.0.0.0', port: 80 }], argv: p.argv, version });
  if (!opened.ok) {
    const pid = newPid(p);
    let out = '';
    for (let i = 0; i < 5; i++) {
      for (const addr of ['0.0.0.0:80', '[::]:80']) {
        out += `${ts} [emerg] ${pid}#${pid}: bind() to ${addr} failed (98: Address already in use)\nnginx: [emerg] bind() to ${addr} failed (98: Address already in use)\n`;
      }
    }
    p.err(`${out}${ts} [emerg] ${pid}#${pid}: still could not bind()\nnginx: [emerg] still could not bind()\n`);
    return 1;
  }
  // `daemon off;` keeps the master in the foreground; otherwise it forks and the command returns.
  if (!args.some((a) => /daemon\s+off/.test(a))) return 0;
  await waitWhile(p, () => true);
  closeServer(p, opened.listeners);
  return 0;
};
