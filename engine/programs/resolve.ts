import { resolveName, type Resolved } from '../apps/resolver';
import { readFile } from '../shell/files';
import { nsOf, type Proc } from '../shell/types';

/** getaddrinfo as libc does it in the process's place: a literal, /etc/hosts, then resolv.conf's nameservers. */
export function resolveHost(p: Proc, name: string): Resolved {
  return resolveName(p.rt.apps, nsOf(p), readFile(p, '/etc/hosts') ?? '', readFile(p, '/etc/resolv.conf') ?? '', name);
}
