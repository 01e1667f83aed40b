/** `nc -l`: a listener whose process (the nc program) prints what arrives and may answer with its input. */

import { liveOf } from './live';
import type { ServerModule } from './types';

export const ncListener: ServerModule = {
  comm: 'nc',
  // busybox nc listens with a backlog of 1 (real-B6-ss.txt: Send-Q 1).
  backlog: 1,
  greeting: (_env, conn) => liveOf(conn.app)?.greeting?.(conn) ?? '',
  tcp: (_env, conn, data) => {
    const server = liveOf(conn.app);
    // The process is gone (a restored lab before it started again): the kernel resets the connection.
    if (!server?.receive) return { data: '', close: true };
    return server.receive(conn, data);
  },
  end: (_env, conn) => liveOf(conn.app)?.end?.(conn),
};
