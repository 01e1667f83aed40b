/**
 * The default world must not move: `hosts: ['host1','host2']` builds the same LAN, router and
 * internet, with the same random draws in the same order, as before worlds came from data. The
 * golden transcript was recorded with `npm run --silent lab -- --hosts host1,host2` before
 * engine/world/spec.ts existed; it covers addresses, MACs, leases, ping times (RNG), DNS,
 * traceroute, ssh to the other host and the laptop, and Docker on both hosts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLab, type LabOptions } from '../index';

const dir = new URL('./fixtures/', import.meta.url);
const script = readFileSync(new URL('default-world.script.sh', dir), 'utf8').split('\n').filter((l) => l !== '');
const golden = readFileSync(new URL('default-world.transcript.txt', dir), 'utf8');

async function transcript(options: LabOptions): Promise<string> {
  const lab = createLab({ seed: 1, ...options });
  const session = lab.openSession();
  let text = '';
  for (const line of script) {
    text += `${session.prompt()}${line}\n`;
    text += (await session.run(line)).output;
  }
  return text;
}

describe('the default world, byte for byte', () => {
  it('hosts: [host1, host2] gives the recorded transcript', async () => {
    expect(await transcript({ hosts: ['host1', 'host2'] })).toBe(golden);
  });
});
