import { it } from 'vitest';
import { swarmLab, screen } from './swarm-helpers';
it('try', async () => {
  const s = swarmLab();
  const t = s.term('host1');
  const lines = process.env.LINES!.split(';;');
  for (const l of lines) {
    const r = await t.run(l);
    console.log(`$ ${l}  [exit ${r.code}]\n--- out\n${screen(r.out)}\n--- raw ${JSON.stringify(r.out.slice(0, 400))}\n--- err\n${r.err}`);
  }
});
