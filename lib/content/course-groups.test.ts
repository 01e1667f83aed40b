import { describe, expect, it } from 'vitest';
import { courseGroups } from './course-groups';

const lesson = (slug: string, hosts: string[]) => ({ slug, lab: { hosts } });

describe('course index groups', () => {
  it('puts lessons with more than one Docker host under "Across hosts", keeping course numbers', () => {
    const groups = courseGroups([lesson('01-cli', ['host1']), lesson('07-overlay', ['host1', 'host2']), lesson('09-macvlan', ['host1']), lesson('08-swarm', ['host1', 'host2', 'host3'])]);
    expect(groups.map((g) => [g.title, g.lessons.map((l) => `${l.number} ${l.lesson.slug}`)])).toEqual([
      ['On one host', ['1 01-cli', '3 09-macvlan']],
      ['Across hosts', ['2 07-overlay', '4 08-swarm']],
    ]);
  });

  it('leaves an empty group out', () => {
    expect(courseGroups([lesson('01-cli', ['host1'])]).map((g) => g.id)).toEqual(['one-host']);
    expect(courseGroups([lesson('07-overlay', ['a', 'b'])]).map((g) => g.id)).toEqual(['across-hosts']);
    expect(courseGroups([])).toEqual([]);
  });
});
