import { describe, expect, it } from 'vitest';
import { createLab, restoreLab } from '../../engine/index';
import { driverLabel, LESSON_DRIVERS } from './drivers';
import { labOptionsOf } from './lab-world';
import { parseLessonFolder, type LessonFiles } from './lesson-folder';
import { formatProblem, sortProblems } from './problems';

const front = (lab: string, driver = 'macvlan') => `---
title: A test lesson
summary: A lesson made up for a test of the front matter.
order: 9
driver: ${driver}
minutes: 5
${lab}---
`;

function parse(text: string) {
  const files: LessonFiles = { slug: '09-test', dir: 'content/09-test', lesson: text, exercises: [] };
  const parsed = parseLessonFolder(files);
  return { lesson: parsed.lesson, problems: sortProblems(parsed.problems).map(formatProblem) };
}

/** The world of the macvlan draft (lessons-draft/09-macvlan): VLAN trunks, a cloud-like NIC, a camera on VLAN 20. */
const VLAN_WORLD = `lab:
  world:
    hosts:
      - { name: host1, trunk: [10, 20] }
      - { name: host2, trunk: [10, 20] }
      - { name: host3, filtersUnknownMacs: true }
      - { name: nas, docker: false }
    machines: [laptop, { name: camera, vlan: 20 }]
    segments:
      - name: lan
        subnet: 192.168.1.0/24
        vlans:
          - { id: 10, subnet: 192.168.10.0/24 }
          - { id: 20, subnet: 192.168.20.0/24, gateway: null }
  setup:
    - host2$ ip link show eth0
`;

describe('lesson front matter: drivers', () => {
  it('takes swarm, ipvlan and mixed, each with its badge', () => {
    for (const driver of ['swarm', 'ipvlan', 'mixed']) expect(parse(front('', driver)).problems, driver).toEqual([]);
    expect(driverLabel('swarm')).toBe('swarm services');
    expect(driverLabel('ipvlan')).toBe('ipvlan');
    expect(driverLabel('mixed')).toBe('several drivers');
    // Every driver has a label of its own words.
    for (const driver of LESSON_DRIVERS) expect(driverLabel(driver)).toMatch(/\S/);
    expect(parse(front('', 'vxlan')).problems).toEqual([expect.stringMatching(/^content\/09-test\/lesson\.mdx:5:9: field "driver": Invalid option/)]);
  });
});

describe('lesson front matter: lab.world', () => {
  it('takes a WorldSpec instead of hosts: the hosts are its Docker hosts, in order', () => {
    const { lesson, problems } = parse(front(VLAN_WORLD));
    expect(problems).toEqual([]);
    expect(lesson?.frontmatter.lab.hosts).toEqual(['host1', 'host2', 'host3']);
    expect(lesson?.frontmatter.lab.setup).toEqual(['host2$ ip link show eth0']);
    expect(lesson?.frontmatter.lab.world?.segments[0]?.vlans.map((v) => v.id)).toEqual([10, 20]);
  });

  it('builds the lab the world describes, and a save of it restores', async () => {
    const spec = parse(front(VLAN_WORLD)).lesson!.frontmatter.lab;
    const lab = createLab({ ...labOptionsOf(spec), pacing: 'instant', seed: 3 });
    expect(lab.hosts).toEqual(['host1', 'host2', 'host3']);
    const session = lab.openSession('host1');
    // The camera sits on VLAN 20 (the router's DNS knows its lease there): only the world has it.
    expect((await session.run('ping -c 1 camera')).output).toContain('PING camera (192.168.20.100)');
    expect((await session.run('ssh nas hostname')).output.trim()).toBe('nas');
    const restored = await restoreLab(lab.snapshot(), { pacing: 'instant' });
    expect(restored.ok).toBe(true);
    if (restored.ok) expect((await restored.lab.openSession('host1').run('ping -c 1 camera')).output).toContain('PING camera (192.168.20.100)');
  });

  it('keeps lessons with hosts (or nothing) as they were', () => {
    expect(parse(front('')).lesson?.frontmatter.lab).toEqual({ hosts: ['host1'], setup: [] });
    expect(parse(front('lab:\n  hosts: [host1, host2]\n')).lesson?.frontmatter.lab).toEqual({ hosts: ['host1', 'host2'], setup: [] });
  });

  it('names the field of every problem in a world, at its line', () => {
    const bad = VLAN_WORLD.replace('{ name: host2, trunk: [10, 20] }', '{ name: host2, trunk: [10, 5000] }').replace('{ name: camera, vlan: 20 }', '{ name: camera, segment: dmz }');
    expect(parse(front(bad)).problems).toEqual([
      'content/09-test/lesson.mdx:11:36: field "lab.world.hosts[1].trunk[1]": a VLAN id is between 1 and 4094',
      'content/09-test/lesson.mdx:11:36: field "lab.world.hosts[1].trunk[1]": segment lan has no VLAN 5000 (VLANs: 10, 20)',
      'content/09-test/lesson.mdx:14:49: field "lab.world.machines[1].segment": no segment named "dmz" (segments: lan)',
    ]);
    expect(parse(front(VLAN_WORLD.replace('    machines:', '    colour: red\n    machines:'))).problems).toEqual([
      'content/09-test/lesson.mdx:14:5: field "lab.world.colour": unknown field "colour"',
    ]);
  });

  it('refuses hosts together with a world, and a world without a Docker host', () => {
    expect(parse(front(VLAN_WORLD.replace('lab:\n', 'lab:\n  hosts: [host1]\n'))).problems).toEqual([
      'content/09-test/lesson.mdx:8:10: field "lab.hosts": give hosts or world, not both: world.hosts lists the hosts',
    ]);
    expect(parse(front('lab:\n  world:\n    hosts: [{ name: nas, docker: false }]\n')).problems).toEqual([
      'content/09-test/lesson.mdx:9:12: field "lab.world.hosts": a world needs at least one Docker host',
    ]);
  });

  it('checks setup lines against the world\'s hosts', () => {
    expect(parse(front(VLAN_WORLD.replace('host2$ ip link', 'laptop$ ip link'))).problems).toEqual([
      `content/09-test/lesson.mdx:22:7: field "lab.setup[0]": host "laptop" is not one of the lab's hosts (host1, host2, host3)`,
    ]);
  });
});
