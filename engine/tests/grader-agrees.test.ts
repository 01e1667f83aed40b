import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGoal, createLab, type GoalInput, type Lab, type Session } from '../index';

/**
 * The grader and the terminal always agree (issue 10, item 8): over random labs (user networks,
 * one of them internal, aliases, legacy links, --add-host, lines a learner appended to a
 * container's /etc/hosts, stopped containers, host-mode ones), whatever `ping NAME` and
 * `curl http://NAME/` do in the terminal, the matching resolve/reach/http probes say the same.
 */

const IMAGES = ['alpine', 'nginx'] as const;
const NETS = ['default', 'n1', 'n2', 'none', 'host'] as const;
const IP_POOL = ['10.10.0.2', '10.10.0.3', '10.20.0.2', '172.17.0.2', '172.17.0.3', '8.8.8.8', '192.168.1.100', '192.168.1.11', '10.99.0.1'];
const HOSTS_NAMES = ['db', 'web', 'c1', 'example.com', 'host1'];

interface ContainerPlan {
  image: (typeof IMAGES)[number];
  net: (typeof NETS)[number];
  extra: 'n1' | 'n2' | 'default' | null;
  alias: boolean;
  link: number | null;
  addHost: string | null;
  hostsLine: { ip: string; name: string } | null;
  stopped: boolean;
}

const containerPlan: fc.Arbitrary<ContainerPlan> = fc.record({
  image: fc.constantFrom(...IMAGES),
  // User networks (with their embedded DNS) most often: that is where names resolve.
  net: fc.oneof({ arbitrary: fc.constantFrom('n1' as const, 'n2' as const), weight: 4 }, { arbitrary: fc.constantFrom(...NETS), weight: 2 }),
  extra: fc.option(fc.constantFrom('n1' as const, 'n2' as const, 'default' as const), { freq: 2 }),
  alias: fc.boolean(),
  link: fc.option(fc.nat(3), { freq: 2 }),
  addHost: fc.option(fc.constantFrom(...IP_POOL), { freq: 2 }),
  hostsLine: fc.option(fc.record({ ip: fc.constantFrom(...IP_POOL), name: fc.constantFrom(...HOSTS_NAMES) }), { freq: 2 }),
  stopped: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});

function commandsFor(plans: ContainerPlan[]): string[] {
  const lines = ['docker network create --subnet 10.10.0.0/24 n1', 'docker network create --internal --subnet 10.20.0.0/24 n2'];
  plans.forEach((p, i) => {
    const opts = [`--name c${i}`];
    if (p.net !== 'default') opts.push(`--network ${p.net}`);
    if (p.alias && (p.net === 'n1' || p.net === 'n2')) opts.push(`--network-alias al${i}`);
    if (p.link !== null && p.link < i && p.net === 'default') opts.push(`--link c${p.link}:lk${i}`);
    if (p.addHost) opts.push(`--add-host ex${i}:${p.addHost}`);
    lines.push(`docker run -d${p.image === 'alpine' ? 'it' : ''} ${opts.join(' ')} ${p.image}`);
    if (p.extra && p.extra !== p.net && ['default', 'n1', 'n2'].includes(p.net)) lines.push(`docker network connect ${p.extra === 'default' ? 'bridge' : p.extra} c${i}`);
    if (p.hostsLine) lines.push(`docker exec c${i} sh -c 'echo ${p.hostsLine.ip} ${p.hostsLine.name} >> /etc/hosts'`);
  });
  plans.forEach((p, i) => {
    if (p.stopped) lines.push(`docker stop c${i}`);
  });
  return lines;
}

/** Names worth asking for: the ones this lab defines (most resolve somewhere), the LAN's, and one that does not exist. */
function namesFor(plans: ContainerPlan[]): string[] {
  return [
    ...plans.map((_, i) => `c${i}`),
    ...plans.flatMap((p, i) => (p.alias ? [`al${i}`] : [])),
    ...plans.flatMap((p, i) => (p.link !== null ? [`lk${i}`] : [])),
    ...plans.flatMap((p, i) => (p.addHost ? [`ex${i}`] : [])),
    ...plans.flatMap((p) => (p.hostsLine ? [p.hostsLine.name] : [])),
    'host1',
    'laptop',
    'example.com',
    'nosuch',
  ];
}

function probe(lab: Lab, goal: GoalInput): boolean {
  const r = checkGoal(lab, goal);
  if (!r.ok) throw new Error(r.error);
  return r.report.pass;
}

/** Runs a line where `from` is: a container (through docker exec on host1), host1, or the laptop. */
async function runFrom(sessions: { host1: Session; laptop: Session }, from: string, line: string): Promise<{ code: number; out: string }> {
  const r = from === 'laptop' ? await sessions.laptop.run(line) : from === 'host1' ? await sessions.host1.run(line) : await sessions.host1.run(`docker exec ${from} ${line}`);
  return { code: r.exitCode, out: r.output };
}

describe('grader and terminal agree', () => {
  it('ping NAME and curl http://NAME/ in the terminal, and the probes for the same name, give the same answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(containerPlan, { minLength: 2, maxLength: 4 }),
        fc.array(fc.tuple(fc.noBias(fc.nat(999)), fc.noBias(fc.nat(999))), { minLength: 6, maxLength: 10 }),
        async (plans, picks) => {
          const lab = createLab({ seed: 11 });
          const sessions = { host1: lab.openSession('host1'), laptop: lab.openSession('laptop') };
          for (const line of commandsFor(plans)) await sessions.host1.run(line);
          const froms = [...plans.map((_, i) => `c${i}`), ...plans.map((_, i) => `c${i}`), 'host1', 'laptop'];
          const names = namesFor(plans);
          for (const [a, b] of picks) {
            const from = froms[a % froms.length]!;
            const name = names[b % names.length]!;
            const where = `${from} → ${name}`;
            const image = from.startsWith('c') ? plans[Number(from.slice(1))]!.image : null;
            // The nginx image has curl and no ping; alpine has ping and no curl (as on Docker Hub).
            if (image !== 'nginx') {
              const ping = await runFrom(sessions, from, `ping -c 1 -W 1 ${name}`);
              const resolvedInTerminal = ping.out.includes(`PING ${name} (`);
              expect(probe(lab, { probes: [{ resolve: { from, name, expect: 'resolves' } }] }), `resolve ${where}: ${ping.out}`).toBe(resolvedInTerminal);
              expect(probe(lab, { probes: [{ reach: { from, to: name, by: 'name', expect: 'reachable' } }] }), `reach ${where}: ${ping.out}`).toBe(ping.code === 0);
            }
            if (image === 'alpine') continue;
            const curl = await runFrom(sessions, from, `curl -s -o /dev/null -w '%{http_code}' http://${name}/`);
            const ok = curl.code === 0 && curl.out.trim() === '200';
            expect(probe(lab, { probes: [{ http: { from, url: `http://${name}/`, status: 200 } }] }), `http ${where}: ${curl.code} ${curl.out}`).toBe(ok);
          }
        },
      ),
      { numRuns: 40, seed: 1010 },
    );
  }, 60_000);

  it('a line the learner adds to /etc/hosts counts for the grader as it does for ping', async () => {
    const lab = createLab({ seed: 11 });
    const s = lab.openSession();
    await s.run('docker run -dit --name c0 alpine');
    await s.run('docker run -d --name web nginx');
    const goal: GoalInput = { probes: [{ resolve: { from: 'c0', name: 'db', expect: 'resolves', resolvesTo: 'web' } }, { http: { from: 'c0', url: 'http://db/', status: 200 } }] };
    expect(probe(lab, goal)).toBe(false);
    expect((await s.run("docker exec c0 sh -c 'echo 172.17.0.3 db >> /etc/hosts'")).exitCode).toBe(0);
    expect((await s.run('docker exec c0 ping -c 1 db')).exitCode).toBe(0);
    expect(probe(lab, goal)).toBe(true);
  });
});
