import type { ListenerApp, NetNs } from '../../kernel/types';
import type { AppEnv } from '../env';

/**
 * A server of the lab: what it opens at start and what it answers. Each lives in its own module
 * here and is registered by name in registry.ts; a listener `{ kind: 'app', name }` in a
 * namespace routes connections to it.
 */

export type AppListener = Extract<ListenerApp, { kind: 'app' }>;

export interface Endpoint {
  ip: string;
  port: number;
}

/** One accepted connection, seen from the server. */
export interface Conn {
  /** The server's namespace. */
  ns: NetNs;
  app: AppListener;
  local: Endpoint;
  /** The client as the server sees it (after NAT and docker-proxy). */
  peer: Endpoint;
}

export interface HttpRequest {
  method: string;
  /** The request target as sent: "/", "/index.html?x=1". */
  path: string;
  /** Every header line in the order the client sent them, Host first. */
  headers: [string, string][];
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/** What the server sends back after some bytes from the client, and whether it then closes. */
export interface TcpReply {
  data: string;
  close: boolean;
}

export interface LogLine {
  stream: 'out' | 'err';
  text: string;
}

export interface Socket {
  proto: 'tcp' | 'udp';
  /** "0.0.0.0" (IPv4 only), "::" (dual stack: ss shows `*`) or an address. */
  ip: string;
  port: number;
}

/** What a server learns about its place when it starts as a container's main process. */
export interface StartInfo {
  now: number;
  /** The process environment (docker run -e included). */
  env: string[];
  hostname: string;
  /** The container's IPv4 addresses, eth0 first. */
  ips: string[];
  version: string;
  build: string;
  /** The main process's arguments after the program name. */
  args: string[];
}

export interface StartResult {
  log: LogLine[];
  sockets: Socket[];
  /** The server gives up at once with this status (postgres without a password). */
  exitCode?: number;
  /** Settings the server keeps for answering (whoami's --name), stored on its listeners. */
  opts?: Record<string, string>;
}

export interface ServerModule {
  /** The process name ss -p shows. */
  comm: string;
  /** listen(2) backlog: ss shows it as the Send-Q of the listening socket. */
  backlog: number;
  /** An image's server starting as a container's main process: its first log lines and sockets. */
  start?(s: StartInfo): StartResult;
  /** What the image's entrypoint script prints before it execs `args` (nginx's runs its scripts when $1 is nginx). */
  entrypointLog?(args: string[]): LogLine[];
  /** The lines a server prints when one of its ports is taken (host network): it exits 1. */
  bindFailure?(s: StartInfo, taken: Socket): LogLine[];
  /** Web servers answer parsed requests (curl, wget; raw bytes from nc are parsed for them). */
  http?(env: AppEnv, conn: Conn, req: HttpRequest): HttpResponse;
  /** Other servers answer bytes (redis's RESP, postgres's startup packet, nc's listener). */
  tcp?(env: AppEnv, conn: Conn, data: string): TcpReply;
  /** Bytes the server sends as soon as a client connects (sshd's banner). */
  greeting?(env: AppEnv, conn: Conn): string;
  /** The client closed its side of the connection. */
  end?(env: AppEnv, conn: Conn): void;
}
