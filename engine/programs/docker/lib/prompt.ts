import type { Proc } from '../../../shell/types';

/**
 * docker/cli@v28.5.2 internal/prompt Confirm: "<message> [y/N] ", then one line; only "y" or
 * "Y" (trimmed) confirms. Declining is not an error: the command stops and exits 0.
 */
export async function confirm(p: Proc, message: string): Promise<boolean> {
  p.out(`${message} [y/N] `);
  const answer = p.readLine ? await p.readLine('') : null;
  return answer !== null && answer.trim().toLowerCase() === 'y';
}
