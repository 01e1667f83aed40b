import type { AppListener, Conn, TcpReply } from './types';

/**
 * Servers run by a program (busybox httpd, nc -l) have a process behind them that wants to hear
 * about connections: nc prints what it receives, httpd -v logs to its stderr. The process attaches
 * itself to its listener here while it runs. Listeners are lab state (snapshotted); these hooks
 * are not, so they are kept beside, keyed by the listener's own record.
 */
export interface LiveServer {
  /** What the server sends as soon as a client connects (nc -l with piped input). */
  greeting?(conn: Conn): string;
  receive?(conn: Conn, data: string): TcpReply;
  /** The client closed its side. */
  end?(conn: Conn): void;
  /** A line for the process's stderr (busybox httpd -v). */
  log?(line: string): void;
}

const live = new WeakMap<AppListener, LiveServer>();

export function attachLive(app: AppListener, server: LiveServer): void {
  live.set(app, server);
}

export function detachLive(app: AppListener): void {
  live.delete(app);
}

export function liveOf(app: AppListener): LiveServer | undefined {
  return live.get(app);
}
