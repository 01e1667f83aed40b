import { imageById } from '../docker/daemon/images';
import { mainArgv } from '../docker/daemon/process';
import type { ContainerRec, ImageSpec } from '../docker/types';
import { dict } from '../util/own';
import type { ExecContext } from './types';

/** The shell a program name starts in an image: `sh` is dash on Debian and Ubuntu, busybox ash on alpine. */
export function shellFor(image: ImageSpec | undefined, program?: string): ExecContext['shell'] {
  const prog = (program ?? '').split('/').pop();
  const base = image?.shell ?? 'busybox';
  if (prog === 'bash') return 'bash';
  if (prog === 'zsh') return 'zsh';
  if (prog === 'sh' || prog === 'ash') return base === 'bash' ? 'dash' : 'busybox';
  return base;
}

/** Where a command runs inside a container: its namespace, its image's programs and shell. */
export function shellContext(host: string, c: ContainerRec, endsContainer: boolean, program?: string): ExecContext {
  const image = imageById(c.imageId);
  return {
    kind: 'container',
    host,
    containerId: c.id,
    endsContainer,
    shell: shellFor(image, program ?? mainArgv(c, image)[0]),
    vars: dict(),
    ...(c.config.user ? { user: c.config.user } : {}),
  };
}
