import { describe, expect, it } from 'vitest';
import { createLab } from '../../engine/index';
import { exerciseLabWorld, isMultiHost, labOptionsOf, labWorldOf } from './lab-world';

const world = { hosts: ['host1', { name: 'host2', trunk: [20] }], segments: [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 20, subnet: '192.168.20.0/24' }] }] };
const lesson = { hosts: ['host1', 'host2'], world, setup: ['docker ps'] };

describe('the lab content builds', () => {
  it("gives an exercise its lesson's world unless it names hosts of its own", () => {
    expect(exerciseLabWorld(lesson, {})).toEqual({ hosts: ['host1', 'host2'], world });
    expect(exerciseLabWorld(lesson, { hosts: ['host1'] })).toEqual({ hosts: ['host1'] });
    expect(labWorldOf(lesson)).toEqual({ hosts: ['host1', 'host2'], world });
    expect(labWorldOf({ hosts: ['host1'] })).toEqual({ hosts: ['host1'] });
  });

  it('builds from the world when there is one, from the hosts otherwise', () => {
    expect(labOptionsOf(lesson)).toEqual({ world });
    expect(labOptionsOf({ hosts: ['host1', 'host2'] })).toEqual({ hosts: ['host1', 'host2'] });
    expect(createLab({ ...labOptionsOf(lesson), pacing: 'instant' }).hosts).toEqual(['host1', 'host2']);
    expect(isMultiHost(lesson)).toBe(true);
    expect(isMultiHost({ hosts: ['host1'] })).toBe(false);
  });
});
