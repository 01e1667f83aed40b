/** Servers of the world outside Docker: the hosts' sshd and the internet's web sites. */

import { publicHostByName, sitePage } from '../internet';
import { httpDate } from './common';
import type { ServerModule } from './types';

/** OpenSSH on Debian 13 greets every client with its version line. */
export const sshd: ServerModule = {
  comm: 'sshd',
  backlog: 128,
  greeting: () => 'SSH-2.0-OpenSSH_10.0p2 Debian-7\r\n',
  tcp: (_env, _conn, data) => (data.length > 0 ? { data: 'Invalid SSH identification string.\r\n', close: true } : { data: '', close: false }),
};

export function webSite(site: string): ServerModule {
  return {
    comm: 'httpd',
    backlog: 511,
    http: (env) => {
      const host = publicHostByName(site)!;
      const body = sitePage(host);
      return {
        status: 200,
        reason: 'OK',
        headers: [
          ['Content-Type', 'text/html'],
          ['Date', httpDate(env.world.clock)],
          ['Server', host.site!.server],
          ['Content-Length', String(body.length)],
        ],
        body,
      };
    },
  };
}
