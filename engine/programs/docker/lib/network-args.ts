import type { DaemonApi } from '../../../docker/api';
import type { ContainerRec, NetworkRec } from '../../../docker/types';
import type { Proc } from '../../../shell/types';
import { daemonError } from './common';

/** NETWORK CONTAINER arguments, resolved in the daemon's order: the container first. */
export function networkAndContainer(p: Proc, d: DaemonApi, args: string[], forConnect = false): { net: NetworkRec; c: ContainerRec } | number {
  const [netRef, ctrRef] = args as [string, string];
  const c = d.container(ctrRef);
  if (!c.ok) return daemonError(p, c.error);
  const n = forConnect ? d.networkToConnect(netRef) : d.network(netRef);
  if (!n.ok) return daemonError(p, n.error);
  return { net: n.value, c: c.value };
}
