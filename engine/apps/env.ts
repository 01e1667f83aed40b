import type { NetNs } from '../kernel/types';
import type { KernelWorld } from '../kernel/world';

/**
 * What apps need from the layers above them, as callbacks: apps sit below Docker, yet nginx's
 * access log ends up in `docker logs` and 127.0.0.11 answers with container names. The Docker
 * layer implements this (docker/app-env.ts); the lab hands it to programs through the runtime.
 */
export interface AppEnv {
  world: KernelWorld;
  /** A server process writes a line to its stdout (nginx's access log). */
  log(containerId: string, line: string): void;
  /** Docker's embedded DNS server of namespace `ns` (it listens on 127.0.0.11 there). */
  embeddedDns(ns: NetNs, q: EmbeddedQuery): EmbeddedReply;
  /** A file in a container's filesystem as its processes see it (what web servers serve), or null. */
  readFile(containerId: string, path: string): FileStat | null;
}

export interface FileStat {
  text: string;
  /** Modification time, ms since the epoch. */
  mtime: number;
}

export type EmbeddedQuery = { kind: 'a'; name: string } | { kind: 'ptr'; ip: string };

export type EmbeddedReply =
  | { kind: 'answer'; ips: string[] }
  | { kind: 'ptr'; name: string }
  /** Internal networks have no upstream: the server says SERVFAIL. */
  | { kind: 'servfail' }
  /** Not a container name: the server forwards the question from the host's namespace. */
  | { kind: 'forward'; fromNs: NetNs; servers: string[] }
  /** No embedded server in this namespace (the default bridge, host mode). */
  | { kind: 'refused' };

/** An environment without Docker (a LAN machine alone, unit tests of apps). */
export function plainEnv(world: KernelWorld): AppEnv {
  return { world, log: () => undefined, embeddedDns: () => ({ kind: 'refused' }), readFile: () => null };
}
