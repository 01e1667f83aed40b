import type { Proc } from '../shell/types';

/**
 * Programs that only images ship (nginx, Apache's httpd, redis-cli): the lab's hosts are plain
 * Debian machines without them, so there the shell reports them missing as it would.
 */
export function missingOnHost(p: Proc): number | null {
  if (p.ctx.kind === 'container') return null;
  const name = p.argv[0]!;
  if (p.ctx.shell === 'zsh') p.err(`zsh: command not found: ${name}\n`);
  else if (p.ctx.shell === 'bash') p.err(`bash: ${name}: command not found\n`);
  else p.err(`sh: ${name}: not found\n`);
  return 127;
}
