import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from './content-files';
import { exercisePlacements, parseLessonFolder, type LessonFiles } from './lesson-folder';
import { compileLessonMdx } from './mdx-compile';
import { formatProblem, sortProblems } from './problems';
import { checkLesson, checkLessonLab } from '../exercises/check-lesson';

const EXERCISE = `title: Make a network
goal:
  networks:
    - name: n1
hints:
  - Use docker network create.
solution:
  - docker network create n1
`;

function folder(lesson: string, exercises: Record<string, string> = { 'make-net': EXERCISE }): LessonFiles {
  return { slug: '09-test', dir: 'content/09-test', lesson, exercises: Object.entries(exercises).map(([name, text]) => ({ name, text })) };
}

const FRONT = `---
title: A test lesson
summary: A lesson made up for a test of the parser.
order: 9
driver: bridge
minutes: 5
---
`;

const problemsOf = (files: LessonFiles) => sortProblems(parseLessonFolder(files).problems).map(formatProblem);

describe('lesson folders', () => {
  it('keeps every lesson slug and exercise id that URLs and saved progress depend on', async () => {
    const course = await loadCourse(path.resolve('content'));
    expect(course.problems.map(formatProblem)).toEqual([]);
    expect(Object.fromEntries(course.lessons.map((l) => [l.slug, l.exercises.map((e) => e.exercise.id)]))).toEqual({
      '01-containers-and-cli': ['keep-it-running', 'tidy-up'],
      '02-host-network': ['host-web', 'move-to-host'],
      '03-default-bridge': ['link-db', 'back-to-default'],
      '04-user-defined-bridges': ['my-bridge', 'go-between', 'search-alias'],
      '05-publishing-ports': ['publish-5000', 'public-and-private'],
      '06-none-network': ['cut-off', 'vault'],
      '07-overlay-networks': ['attach-across-hosts', 'secure-trio', 'not-attachable'],
      '08-swarm-services': ['mesh-shop', 'private-api', 'one-node-drops'],
      '09-macvlan': ['printer-on-lan', 'shim', 'wrong-vlan'],
      '10-ipvlan': ['one-mac', 'routed-l3', 'same-subnet-twice'],
      '11-choosing-a-driver': ['front-and-api', 'whole-shop', 'half-the-cluster'],
    });
  });

  it('orders exercises as their <Exercise> tags appear in the body, ignoring tags in code fences', () => {
    const body = 'Text\n```mdx\n<Exercise id="zz">\n```\n<Exercise id="b-two">x</Exercise>\n\n<Exercise id=\'a-one\'>y</Exercise>\n';
    const parsed = parseLessonFolder(folder(FRONT + body, { 'a-one': EXERCISE, 'b-two': EXERCISE }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.lesson?.exercises.map((e) => e.exercise.id)).toEqual(['b-two', 'a-one']);
    expect(exercisePlacements(body, 8).map((p) => [p.id, p.line])).toEqual([
      ['b-two', 12],
      ['a-one', 14],
    ]);
  });

  it('names the file, line and field of front matter problems', () => {
    expect(problemsOf(folder(FRONT.replace('driver: bridge', 'driver: token-ring').replace('minutes: 5', 'minutes: 5\ncolour: red') + '<Exercise id="make-net" />'))).toEqual([
      expect.stringMatching(/^content\/09-test\/lesson\.mdx:5:9: field "driver": Invalid option/),
      'content/09-test/lesson.mdx:7:1: field "colour": unknown field "colour"',
    ]);
    expect(problemsOf(folder('---\ntitle: x\n'))).toEqual([
      'content/09-test/lesson.mdx:1:1: the front matter opened with "---" on line 1 is never closed by a "---" line',
    ]);
    expect(problemsOf(folder(FRONT.replace('order: 9', 'order: [9'), {}))[0]).toMatch(/^content\/09-test\/lesson\.mdx:5:1: YAML: Flow sequence/);
  });

  it('names the file, line and field of exercise problems', () => {
    const bad = EXERCISE.replace('    - name: n1', '    - name: n1\n      subnet: 10.0.0.0\n      colour: red').replace('goal:', 'goal:\n  probes:\n    - reach: { from: a, to: b, expect: reachabl }');
    expect(problemsOf(folder(FRONT + '<Exercise id="make-net" />', { 'make-net': bad, Bad_Name: EXERCISE }))).toEqual([
      'content/09-test/exercises/Bad_Name.yaml:1:1: the file name "Bad_Name" is the exercise\'s id: lower-case letters, digits and dashes, 2 to 41 characters',
      expect.stringMatching(/^content\/09-test\/exercises\/make-net\.yaml:4:40: field "goal\.probes\[0\]\.reach\.expect": Invalid option/),
      expect.stringMatching(/^content\/09-test\/exercises\/make-net\.yaml:7:15: field "goal\.networks\[0\]\.subnet": a CIDR/),
      'content/09-test/exercises/make-net.yaml:8:7: field "goal.networks[0].colour": unknown field "colour"',
    ]);
  });

  it('reports exercises placed twice, never, or without a file', () => {
    const body = '<Exercise id="make-net" />\n<Exercise id="make-net" />\n<Exercise id="ghost" />\n';
    expect(problemsOf(folder(FRONT + body, { 'make-net': EXERCISE, spare: EXERCISE }))).toEqual([
      'content/09-test/exercises/spare.yaml:1:1: no <Exercise id="spare"> in lesson.mdx places this exercise',
      'content/09-test/lesson.mdx:9:1: <Exercise id="make-net"> appears again (first on line 8)',
      'content/09-test/lesson.mdx:10:1: <Exercise id="ghost"> names no exercise: there is no exercises/ghost.yaml',
    ]);
  });

  it('reports setup lines for hosts the lab does not have at their line', () => {
    const front = FRONT.replace('minutes: 5', 'minutes: 5\nlab:\n  hosts: [host1]\n  setup:\n    - docker ps\n    - host2$ docker ps');
    const ex = EXERCISE.replace('goal:', 'setup:\n  - host3$ docker ps\ngoal:');
    expect(problemsOf(folder(front + '<Exercise id="make-net" />', { 'make-net': ex }))).toEqual([
      `content/09-test/exercises/make-net.yaml:3:5: field "setup[0]": host "host3" is not one of the lab's hosts (host1)`,
      `content/09-test/lesson.mdx:11:7: field "lab.setup[1]": host "host2" is not one of the lab's hosts (host1)`,
    ]);
  });

  it('refuses a Run block on a host its lab lacks, at the line of its host=', () => {
    const front = FRONT.replace('minutes: 5', 'minutes: 5\nlab:\n  hosts: [host1, host2]');
    const ex = EXERCISE.replace('title: Make a network', 'title: Make a network\nhosts: [host1]');
    const body = [
      '```sh run host=host2', // line 10
      'docker ps',
      '```',
      '```sh run host=host3', // 13
      'docker ps',
      '```',
      '<Exercise id="make-net">', // 16
      'On the other host: <Run host="host2">docker ps</Run>',
      '</Exercise>',
      '<Run host="host2">docker ps</Run>', // 19
    ].join('\n');
    expect(problemsOf(folder(front + body, { 'make-net': ex }))).toEqual([
      `content/09-test/lesson.mdx:13:11: Run block: host "host3" is not one of the lab's hosts (host1, host2)`,
      `content/09-test/lesson.mdx:17:25: Run block: host "host2" is not one of the hosts of exercise "make-net"'s lab (host1)`,
    ]);
  });

  it('builds the lesson lab and runs its setup: a worker joins with a token fetched over ssh', async () => {
    const setup = [
      'docker swarm init --advertise-addr 192.168.1.11',
      'host2$ docker swarm join --token $(ssh host1 docker swarm join-token -q worker) 192.168.1.11:2377',
      'host3$ docker swarm join --token $(ssh host1 docker swarm join-token -q worker) 192.168.1.11:2377',
    ];
    const front = FRONT.replace('driver: bridge', 'driver: swarm').replace('minutes: 5', `minutes: 5\nlab:\n  hosts: [host1, host2, host3]\n  setup:\n${setup.map((l) => `    - ${l}\n`).join('')}`);
    const parsed = parseLessonFolder(folder(front, {}));
    expect(parsed.problems).toEqual([]);
    expect(await checkLessonLab(parsed.lesson!)).toEqual([]);
    // Without the manager's swarm the join fails, and the check says which line, on which host.
    const broken = parseLessonFolder(folder(front.replace('    - docker swarm init --advertise-addr 192.168.1.11\n', ''), {}));
    expect((await checkLessonLab(broken.lesson!)).map(formatProblem)).toEqual([
      expect.stringMatching(/^content\/09-test\/lesson\.mdx:10:7: field "lab\.setup\[0\]": `docker swarm join --token .*` on host2 exits 1: Error response from daemon: This node is not a swarm manager\./),
      expect.stringMatching(/^content\/09-test\/lesson\.mdx:11:7: field "lab\.setup\[1\]": `docker swarm join --token .*` on host3 exits 1: Error response from daemon: This node is not a swarm manager\./),
    ]);
  });

  it("gives MDX errors the lesson file's line, through single-line <Run> rewrites", async () => {
    const body = ['', '<Run>docker ps</Run>', '', '<Run>docker network ls</Run>', '', 'Some text', '', '<Note>never closed', ''].join('\n');
    const result = await compileLessonMdx(body, 8);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.line).toBe(15);
      expect(result.error.message).toContain('(15:1-15:7)');
    }
  });

  it('proves exercises and puts a wrong near miss at its line', async () => {
    const ex = `${EXERCISE}nearMisses:\n  - why: a network of another name\n    commands: [docker network create n2]\n    fails: [networks.n1.subnet]\n`;
    const parsed = parseLessonFolder(folder(FRONT + '<Exercise id="make-net" />', { 'make-net': ex }));
    expect(parsed.problems).toEqual([]);
    const problems = await checkLesson(parsed.lesson!);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^content\/09-test\/exercises\/make-net\.yaml:12:13: field "nearMisses\[0\]\.fails\[0\]": no criterion "networks\.n1\.subnet" in this goal \(ids: networks\.n1\)/),
    ]);
  });
});
