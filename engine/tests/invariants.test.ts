import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLab, restoreLab, type Lab, type Session } from '../index';
import { dockerLine, junkLine } from './fuzz-lines';

/**
 * Property-based tests: random command lines and random command sequences. Nothing may escape
 * the engine as an exception or hang, and the lab's state stays consistent after every step.
 */

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
