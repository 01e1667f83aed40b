import { imageById } from '../docker/daemon/images';
import { containerOf, type Proc } from './types';

/** busybox applets (alpine, busybox) print differently from iproute2/iputils/GNU tools (hosts, netshoot). */
export function toolsetOf(p: Proc): 'busybox' | 'gnu' {
  const c = containerOf(p);
  if (!c) return 'gnu';
  return imageById(c.imageId)?.toolset ?? 'busybox';
}
