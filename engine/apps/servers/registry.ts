import type { ListenerApp } from '../../kernel/types';
import { busyboxHttpd } from './busybox-httpd';
import { sshd, webSite } from './hosts';
import { httpd } from './httpd';
import { ncListener } from './nc';
import { nginx } from './nginx';
import { postgres } from './postgres';
import { redis } from './redis';
import type { ServerModule } from './types';
import { whoami } from './whoami';

/** Every server app by name: a listener `{ kind: 'app', name }` is answered by SERVERS.get(name). One line each. */
export const SERVERS: ReadonlyMap<string, ServerModule> = new Map<string, ServerModule>([
  ['nginx', nginx],
  ['httpd', httpd],
  ['redis', redis],
  ['postgres', postgres],
  ['whoami', whoami],
  ['busybox-httpd', busyboxHttpd],
  ['nc', ncListener],
]);

/** The module that answers a listener, or null for sockets that only take part in other protocols (DNS). */
export function serverFor(app: ListenerApp): ServerModule | null {
  switch (app.kind) {
    case 'app':
      return SERVERS.get(app.name) ?? null;
    case 'sshd':
      return sshd;
    case 'web-site':
      return webSite(app.site);
    default:
      return null;
  }
}
