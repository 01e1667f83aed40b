import { it } from 'vitest';
import { swarmLab, screen } from './swarm-helpers';
it('try', async () => {
  const s = swarmLab();
  s.overlay('backend');
  const t = s.term(process.env.HOST ?? 'host1');
  const lines = process.env.LINES!.split(';;');
  for (const l of lines) {
    const t0 = Date.now();
    const r = await t.run(l);
    const out = screen(r.out);
    console.log(`$ ${l}  [exit ${r.code}] ${Date.now() - t0}ms\n--- out (${r.out.length} bytes)\n${out.length > 3000 ? out.slice(0, 1500) + '\n...\n' + out.slice(-1500) : out}\n--- err\n${r.err}`);
  }
}, 120000);
