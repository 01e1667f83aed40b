import type { DaemonApi } from '../../../docker/api';
import type { ContainerRec } from '../../../docker/types';
import { shellContext } from '../../../shell/contexts';
import type { Proc } from '../../../shell/types';

/** Attached clients: `docker run` without -d, `docker start -a`, `docker attach`. */

/**
 * Starts a container, then either returns (detached) or stays attached: an interactive shell
 * becomes the session's new context; anything else streams its output until it exits, or until
 * Ctrl-C, which the CLI passes on as SIGINT (sig-proxy).
 */
export async function startAndAttach(p: Proc, d: DaemonApi, c: ContainerRec, mode: 'detached' | 'attached', onError: (error: string) => number): Promise<number> {
  // Attach before the start, so the first line the process prints is not missed.
  const handle = mode === 'attached' ? d.containerAttach(c, { out: p.out, err: p.err }) : null;
  const started = d.containerStart(c);
  if (!started.ok) {
    handle?.close();
    return onError(started.error);
  }
  p.rt.changed();
  await d.settle();
  if (!handle) return 0;
  if (c.process.kind === 'shell' && c.config.openStdin && (c.status === 'running' || c.status === 'paused')) {
    handle.close();
    p.session.push(shellContext(d.hostName, c, true));
    return 0;
  }
  return waitAttached(p, d, c, handle);
}

/** An attached client waits for the container; Ctrl-C sends SIGINT (nginx exits 0, a shell script 130). */
export async function waitAttached(p: Proc, d: DaemonApi, c: ContainerRec, handle: ReturnType<DaemonApi['containerAttach']>): Promise<number> {
  const res = await p.rt.until(handle.done, p.signal);
  if (res !== 'aborted') {
    p.rt.changed();
    return res === 'detached' ? 0 : res;
  }
  handle.close();
  p.out('^C');
  if (c.status === 'running' || c.status === 'paused') d.containerKill(c, 'INT');
  p.rt.changed();
  return c.exitCode;
}
