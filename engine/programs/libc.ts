import type { ImageSpec } from '../docker/types';
import { containerOf, daemonOf, type Proc } from '../shell/types';

/**
 * The C library a process links against decides its error texts: busybox:latest and Debian are
 * glibc ("No route to host"), Alpine is musl ("Host is unreachable"). Fidelity findings 5 and 21.
 */

export type Errno = 'ETIMEDOUT' | 'ENETUNREACH' | 'EHOSTUNREACH' | 'ECONNREFUSED' | 'ECONNRESET' | 'EADDRINUSE';

const GLIBC: Record<Errno, string> = {
  ETIMEDOUT: 'Connection timed out',
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EADDRINUSE: 'Address already in use',
};

/** musl src/errno/__strerror.h. */
const MUSL: Record<Errno, string> = {
  ETIMEDOUT: 'Operation timed out',
  ENETUNREACH: 'Network unreachable',
  EHOSTUNREACH: 'Host is unreachable',
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EADDRINUSE: 'Address in use',
};

/** The image of the container the process runs in (null on a host). */
export function imageOf(p: Proc): ImageSpec | null {
  const c = containerOf(p);
  if (!c) return null;
  return daemonOf(p)?.registry.byId(c.imageId) ?? null;
}

export function strerror(p: Proc, e: Errno): string {
  return imageOf(p)?.libc === 'musl' ? MUSL[e] : GLIBC[e];
}

/** The errno a failed connect leaves. */
export function connectErrno(reason: 'refused' | 'timeout' | 'net-unreachable' | 'host-unreachable' | 'reset'): Errno {
  switch (reason) {
    case 'refused':
      return 'ECONNREFUSED';
    case 'timeout':
      return 'ETIMEDOUT';
    case 'net-unreachable':
      return 'ENETUNREACH';
    case 'host-unreachable':
      return 'EHOSTUNREACH';
    case 'reset':
      return 'ECONNRESET';
  }
}

/** How long the kernel tries a TCP connect before ETIMEDOUT (6 SYN retries: about 127 s; busybox wget measured 133 s). */
export const TCP_CONNECT_TIMEOUT_MS = 127_000;

/** How long a connect to an unreachable host takes to fail (ARP gives up after 3 s). */
export const HOST_UNREACHABLE_MS = 3_071;
