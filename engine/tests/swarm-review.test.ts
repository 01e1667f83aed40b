/**
 * Findings of the multi-host review (team/expert-review-swarm.md), replayed as a learner types them
 * on a lab of three hosts, each checked against the moby / docker-cli source at v28.5.2.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Session } from '../index';

async function out(s: Session, line: string): Promise<string> {
  const r = await s.run(line);
  return r.output;
}

async function meshLab() {
  const lab = createLab({ hosts: ['host1', 'host2', 'host3'] });
  const h1 = lab.openSession('host1');
  await h1.run('docker swarm init --advertise-addr 192.168.1.11');
  await h1.run('docker service create -d --name web --replicas 1 --publish published=8080,target=80 nginx');
  return { lab, h1 };
}

describe('routing mesh inside a task (moby libnetwork/service_linux.go addRedirectRules)', () => {
  it('drops sctp, udp and tcp to and from the ingress address after the one allowed port', async () => {
    const { h1 } = await meshLab();
    const key = (await out(h1, "docker inspect -f '{{.NetworkSettings.SandboxKey}}' $(docker ps -q)")).trim();
    const filter = (await out(h1, `nsenter --net=${key} iptables -S`)).trimEnd().split('\n');
    const ip = /-d (10\.0\.0\.\d+)\/32/.exec(filter.join('\n'))![1];
    expect(filter).toEqual([
      '-P INPUT ACCEPT',
      '-P FORWARD ACCEPT',
      '-P OUTPUT ACCEPT',
      `-A INPUT -d ${ip}/32 -p tcp -m tcp --dport 80 -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT`,
      `-A INPUT -d ${ip}/32 -p sctp -j DROP`,
      `-A INPUT -d ${ip}/32 -p udp -j DROP`,
      `-A INPUT -d ${ip}/32 -p tcp -j DROP`,
      `-A OUTPUT -s ${ip}/32 -p tcp -m tcp --sport 80 -m conntrack --ctstate ESTABLISHED -j ACCEPT`,
      `-A OUTPUT -s ${ip}/32 -p sctp -j DROP`,
      `-A OUTPUT -s ${ip}/32 -p udp -j DROP`,
      `-A OUTPUT -s ${ip}/32 -p tcp -j DROP`,
    ]);
    // The page still comes through the mesh: the sctp rules match nothing the lab sends.
    expect(await out(h1, 'curl -s http://localhost:8080/ | grep title')).toBe('<title>Welcome to nginx!</title>\n');
  });

  it('iptables accepts -p sctp like the real one', async () => {
    const lab = createLab();
    const s = lab.openSession('host1');
    expect((await s.run('iptables -A INPUT -p sctp -j DROP')).exitCode).toBe(0);
    expect(await out(s, 'iptables -S INPUT')).toBe('-P INPUT ACCEPT\n-A INPUT -p sctp -j DROP\n');
  });
});
