/**
 * The default world must not move: `hosts: ['host1','host2']` builds the same LAN, router and
 * internet, with the same random draws in the same order, as before worlds came from data. The
 * golden transcript was recorded with `npm run --silent lab -- --hosts host1,host2` before
 * engine/world/spec.ts existed; it covers addresses, MACs, leases, ping times (RNG), DNS,
 * traceroute, ssh to the other host and the laptop, and Docker on both hosts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLab, type LabOptions, type WorldSpecInput } from '../index';

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

  it('so does the same list as a WorldSpec', async () => {
    expect(await transcript({ world: { hosts: ['host1', 'host2'] } })).toBe(golden);
  });

  it('and so does the WorldSpec with every default written out', async () => {
    const world: WorldSpecInput = {
      hosts: [
        { name: 'host1', segment: 'lan', address: '192.168.1.11', docker: true, trunk: [], promisc: false, filtersUnknownMacs: false, mtu: 1500, extraNics: [] },
        { name: 'host2', address: '192.168.1.12' },
      ],
      machines: [{ name: 'laptop', segment: 'lan', address: '192.168.1.100' }],
      segments: [{ name: 'lan', subnet: '192.168.1.0/24', gateway: '192.168.1.1', vlans: [], hairpin: false, allowPromisc: true }],
      router: {
        name: 'router',
        ssh: false,
        wan: { address: '198.51.100.2/24', gateway: '198.51.100.1' },
        dns: { upstream: '8.8.8.8', leases: [] },
        routes: [],
      },
      internet: true,
    };
    expect(await transcript({ world })).toBe(golden);
  });

  it('createLab() and createLab({ world: {} }) are the same one-host world', async () => {
    const a = createLab({ seed: 4 }).snapshot();
    const b = createLab({ seed: 4, world: {} }).snapshot();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(createLab({ world: {} }).hosts).toEqual(['host1']);
  });
});
