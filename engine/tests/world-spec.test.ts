/**
 * A bad WorldSpec is refused before anything is built, with one line per problem naming the
 * field, so an author (a lesson's `lab.world`, `npm run lab -- --world`) can fix it.
 */
import { describe, expect, it } from 'vitest';
import { createLab, parseWorldSpec, worldSpecSchema, type WorldSpecInput } from '../index';

function refusal(world: unknown): string {
  try {
    createLab({ world: world as WorldSpecInput });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(world)}`);
}

describe('createLab refuses a bad world with a clear message', () => {
  it.each([
    [{ hosts: ['host1'], adress: 1 }, 'invalid world: Unrecognized key: "adress"'],
    [{ hosts: [{ name: 'host1', adress: '192.168.1.5' }] }, 'invalid world: hosts[0]: Unrecognized key: "adress"'],
    [{ hosts: ['Host1'] }, 'invalid world: hosts[0]: a name is lower-case letters, digits and dashes, starting with a letter (at most 31)'],
    [{ hosts: 'host1' }, 'invalid world: hosts: Invalid input: expected array, received string'],
    [{ hosts: ['host1', 'host1'] }, 'invalid world: hosts[1].name: "host1" is already the name of hosts[0]'],
    [{ machines: ['router'] }, 'invalid world: machines[0].name: "router" is already the name of the router'],
    [{ machines: ['gateway'] }, 'invalid world: machines[0].name: "gateway" is reserved (the router answers it)'],
    [{ hosts: [{ name: 'host1', docker: false }] }, 'invalid world: hosts: a world needs at least one Docker host'],
    [{ hosts: ['host1', { name: 'host2', segment: 'dmz' }] }, 'invalid world: hosts[1].segment: no segment named "dmz" (segments: lan)'],
    [{ hosts: [{ name: 'host1', address: '10.0.0.5' }] }, 'invalid world: hosts[0].address: 10.0.0.5 is not a usable address of segment lan (192.168.1.0/24)'],
    [{ hosts: [{ name: 'host1', address: '192.168.1.1' }] }, 'invalid world: hosts[0].address: 192.168.1.1 is already taken on segment lan'],
    [{ hosts: [{ name: 'host1', address: null }] }, 'invalid world: hosts[0].address: eth0 needs an address (only extraNics may have none)'],
    [
      { hosts: [{ name: 'host1', vlan: 20 }] },
      'invalid world: hosts[0].vlan: segment lan declares no VLANs (it carries any tag as it is; list VLANs in its vlans to make it a managed switch)',
    ],
    [
      { hosts: [{ name: 'host1', trunk: [30] }], segments: [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 20 }] }] },
      'invalid world: hosts[0].trunk[0]: segment lan has no VLAN 30 (VLANs: 20)',
    ],
    [{ segments: [{ name: 'lan', subnet: '10.0.0.0/8', vlans: [{ id: 5000 }] }] }, 'invalid world: segments[0].vlans[0].id: a VLAN id is between 1 and 4094'],
    [
      { segments: [{ name: 'lan', subnet: '192.168.1.0/24' }, { name: 'b', subnet: '192.168.0.0/16' }] },
      'invalid world: segments[1].subnet: 192.168.0.0/16 overlaps segment lan (192.168.1.0/24)',
    ],
    [{ segments: [{ name: 'lan', subnet: '192.168.1.0/24', gateway: '10.0.0.1' }] }, 'invalid world: segments[0].gateway: 10.0.0.1 is not a usable address of 192.168.1.0/24'],
    [
      { router: { routes: [{ dst: '10.9.0.0/16', via: '10.1.1.1' }] } },
      "invalid world: router.routes[0].via: 10.1.1.1 is on none of the router's networks (192.168.1.0/24)",
    ],
    [{ router: { routes: [{ dst: '10.9.0.5/16', via: '192.168.1.11' }] } }, 'invalid world: router.routes[0].dst: 10.9.0.5/16 is not a network address (did you mean 10.9.0.0/16?)'],
    [{ segments: [{ name: 'lan', subnet: '198.51.100.0/24' }] }, 'invalid world: router.wan.address: 198.51.100.2/24 overlaps segment lan'],
    [
      { segments: [{ name: 'lan', subnet: '192.168.1.0/28' }], hosts: ['a', 'b', 'c', 'd', 'e'], machines: [] },
      'invalid world: hosts[4].address: no free address left on segment lan from .11 (give one explicitly)',
    ],
  ])('%j', (world, message) => {
    expect(refusal(world)).toBe(message);
  });

  it('lists every problem, one per line', () => {
    expect(refusal({ segments: [{ name: 'lan', subnet: '192.168.1.5/24' }] }).split('\n')).toEqual([
      'invalid world: segments[0].subnet: 192.168.1.5/24 is not a network address (did you mean 192.168.1.0/24?)',
      'hosts[0].address: segment lan has no subnet, so eth0 gets no address (give the node another segment or VLAN)',
      'machines[0].address: segment lan has no subnet, so eth0 gets no address (give the node another segment or VLAN)',
    ]);
  });

  it('hosts and world together are refused: world.hosts lists the hosts', () => {
    expect(() => createLab({ hosts: ['host1'], world: {} })).toThrow('invalid world: give hosts or world, not both (world.hosts lists the hosts)');
  });

  it('the bare-name list of today (lessons\' lab.hosts) is a WorldSpec', () => {
    const r = parseWorldSpec({ hosts: ['host1', 'host2'] });
    expect(r.ok && r.spec.hosts.map((h) => h.name)).toEqual(['host1', 'host2']);
    expect(worldSpecSchema.safeParse({ hosts: ['host1'], setup: [] }).success).toBe(false);
  });
});
