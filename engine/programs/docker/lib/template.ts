import type { Proc } from '../../../shell/types';
import { compileTemplate } from '../../../util/gotemplate';

/** `--format` for version and info: one template over one object; a parse error exits 64. */
export function template(p: Proc, format: string, data: unknown): number {
  const t = compileTemplate(format);
  if (!t.ok) {
    p.err(`${t.error}\n`);
    return 64;
  }
  const r = t.execute(data);
  if (!r.ok) {
    p.err(`${r.error}\n`);
    return 64;
  }
  p.out(r.text + '\n');
  return 0;
}
