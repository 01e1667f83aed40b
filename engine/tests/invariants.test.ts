import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLab, restoreLab, type Lab, type Session } from '../index';

/**
 * Property-based tests: random command lines and random command sequences. Nothing may escape
 * the engine as an exception or hang, and the lab's state stays consistent after every step.
 */

const NAMES = ['c1', 'c2', 'c3', 'web', 'db'];
const NETS = ['n1', 'n2', 'bridge', 'host', 'none', 'my_bridge'];
const IMAGES = ['alpine', 'busybox', 'nginx', 'ubuntu', 'nicolaka/netshoot', 'nope', 'alpine:9.9'];
const SUBNETS = ['10.0.0.0/24', '10.0.0.0/16', '172.18.0.0/16', '192.168.1.0/24', '10.0.0.0/33', '300.1.1.1/8', '10.9.0.1/24'];
const IPS = ['10.0.0.254', '10.0.0.2', '172.17.0.50', '999.1.1.1', '172.18.0.9'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const dockerLine: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(pick(NAMES), pick(NETS), pick(IMAGES), fc.boolean(), fc.option(pick(IPS)), fc.option(pick(['80', '8080:80', '127.0.0.1:9000:80', '80-81:80-81', 'abc']))).map(
    ([n, net, img, d, ip, port]) => `docker run ${d ? '-dit' : '--rm'} --name ${n} --network ${net}${ip ? ` --ip ${ip}` : ''}${port ? ` -p ${port}` : ''} ${img}`,
  ),
  fc.tuple(pick(NETS), fc.option(pick(SUBNETS)), fc.boolean()).map(([n, s, internal]) => `docker network create${s ? ` --subnet ${s}` : ''}${internal ? ' --internal' : ''} ${n}`),
  fc.tuple(pick(['connect', 'disconnect']), pick(NETS), pick(NAMES), fc.option(pick(IPS))).map(([v, n, c, ip]) => `docker network ${v}${ip && v === 'connect' ? ` --ip ${ip}` : ''} ${n} ${c}`),
  fc.tuple(pick(['stop', 'start', 'restart', 'kill', 'rm', 'rm -f', 'pause', 'unpause']), pick(NAMES)).map(([v, c]) => `docker ${v} ${c}`),
  pick(NETS).map((n) => `docker network rm ${n}`),
  fc.tuple(pick(NAMES), pick([...NAMES, '8.8.8.8', 'google.com', '172.17.0.2'])).map(([a, b]) => `docker exec ${a} ping -c 1 ${b}`),
  fc.tuple(pick(NAMES), pick(['ip a', 'cat /etc/hosts', 'nslookup web', 'wget -qO- http://web', 'hostname'])).map(([a, cmd]) => `docker exec ${a} ${cmd}`),
  pick(['docker ps -a', 'docker network ls', 'docker network prune -f', 'ip a', 'brctl show', 'iptables -S', 'curl -s localhost:8080', 'docker images']),
);

const junkLine: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(pick(['docker', 'network', 'run', '-', '--', '-itd', '"', "'", '|', '&&', '||', ';', '$?', '>', '2>&1', 'ping', '-c', '\\', '\u0003', '\u001b[A', 'alpine', '=', '--net=', '{{', '}}']), { maxLength: 12 }).map((ws) => ws.join(' ')),
);

async function run(s: Session, line: string): Promise<{ code: number; out: string }> {
  const r = await s.run(line);
  return { code: r.exitCode, out: r.output };
}

interface NetJson {
  Name: string;
  IPAM: { Config: { Subnet: string }[] };
  Containers: Record<string, { Name: string; IPv4Address: string }>;
}

function inSubnet(ip: string, cidr: string): boolean {
  const [net, len] = cidr.split('/') as [string, string];
  const toInt = (a: string) => a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const mask = Number(len) === 0 ? 0 : 2 ** 32 - 2 ** (32 - Number(len));
  return Math.floor(toInt(ip) / 2 ** (32 - Number(len))) === Math.floor(toInt(net) / 2 ** (32 - Number(len))) || mask === 0;
}

/** Invariants a learner could check with the CLI itself. */
async function checkInvariants(lab: Lab, s: Session): Promise<void> {
  const ids = (await run(s, 'docker network ls -q')).out.trim().split('\n').filter(Boolean);
  const running = new Set((await run(s, 'docker ps -q --no-trunc')).out.trim().split('\n').filter(Boolean));
  const json = JSON.parse((await run(s, `docker network inspect ${ids.join(' ')}`)).out) as NetJson[];
  for (const n of json) {
    const seen = new Set<string>();
    for (const [id, ep] of Object.entries(n.Containers)) {
      expect(running.has(id), `${ep.Name} on ${n.Name} is running`).toBe(true);
      if (!ep.IPv4Address) continue;
      const ip = ep.IPv4Address.split('/')[0]!;
      expect(seen.has(ip), `${ip} handed out twice on ${n.Name}`).toBe(false);
      seen.add(ip);
      expect(inSubnet(ip, n.IPAM.Config[0]!.Subnet), `${ip} inside ${n.IPAM.Config[0]!.Subnet}`).toBe(true);
    }
  }
  // Subnets of user networks never overlap.
  const subnets = json.flatMap((n) => n.IPAM.Config.map((c) => c.Subnet));
  for (let i = 0; i < subnets.length; i++) {
    for (let j = i + 1; j < subnets.length; j++) {
      const [a, b] = [subnets[i]!, subnets[j]!];
      expect(inSubnet(a.split('/')[0]!, b) || inSubnet(b.split('/')[0]!, a), `${a} overlaps ${b}`).toBe(false);
    }
  }
  expect(lab.topology().hosts[0]!.containers.filter((c) => c.state === 'running').length).toBe(running.size);
}

describe('the engine never breaks on bad input', () => {
  it('any line ends in an exit status and text, never an exception', async () => {
    const lab = createLab({ seed: 7 });
    const s = lab.openSession();
    await run(s, 'docker run -dit --name c1 alpine');
    await fc.assert(
      fc.asyncProperty(fc.oneof(junkLine, dockerLine), async (line) => {
        const r = await s.run(line);
        expect(Number.isInteger(r.exitCode)).toBe(true);
        expect(r.exitCode).toBeGreaterThanOrEqual(0);
        expect(r.exitCode).toBeLessThanOrEqual(255);
        expect(r.output).not.toMatch(/sim: internal error/);
        expect(s.prompt().length).toBeGreaterThan(0);
        // Leave any container shell so the next line runs on the host again.
        while (s.container()) await s.run('exit');
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('10,000-character lines and control characters are answered, not thrown', async () => {
    const s = createLab().openSession();
    const long = await s.run('echo ' + 'x'.repeat(10_000));
    expect(long.exitCode).toBe(0);
    expect(long.output.length).toBe(10_001);
    const ctl = await s.run('docker\u0000 ps\u0007');
    expect(ctl.output).toContain('CONTAINER ID');
  });
});

describe('state stays consistent over random command sequences', () => {
  it('no address is handed out twice, every endpoint belongs to a running container', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(dockerLine, { minLength: 1, maxLength: 14 }), async (lines) => {
        const lab = createLab({ seed: 3 });
        const s = lab.openSession();
        for (const line of lines) {
          await s.run(line);
          while (s.container()) await s.run('exit');
          await checkInvariants(lab, s);
        }
        // A snapshot restores to the same visible state.
        const restored = await restoreLab(JSON.stringify(lab.snapshot()));
        expect(restored.ok).toBe(true);
        if (!restored.ok) return;
        const s2 = restored.lab.openSession();
        const a = (await run(s, 'docker network ls')).out;
        const b = (await run(s2, 'docker network ls')).out;
        expect(b).toBe(a);
      }),
      { numRuns: 60, seed: 1234 },
    );
  });
});
