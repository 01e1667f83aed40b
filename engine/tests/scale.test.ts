import { describe, expect, it } from 'vitest';
import { restoreLab } from '../index';
import { newTerm, Term } from './helpers';

/**
 * Many containers (issue 13, finding 6): look-ups, removal and address allocation use indexes
 * instead of walking every container; what a learner sees stays exactly as before.
 */

const ip = async (t: Term, name: string) => (await t.run(`docker inspect -f "{{.NetworkSettings.IPAddress}}" ${name}`)).out.trim();

describe('many containers', () => {
  it('addresses stay lowest-free: freed addresses are handed out again, lowest first', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    for (let i = 0; i < 40; i++) await t.setup(`docker run -dit --name c${i} alpine`);
    expect(await ip(t, 'c39')).toBe('172.17.0.41');
    await t.setup('docker rm -f c30 c5 c17');
    await t.setup('docker run -dit --name n1 alpine', 'docker run -dit --name n2 alpine', 'docker run -dit --name n3 alpine', 'docker run -dit --name n4 alpine');
    expect([await ip(t, 'n1'), await ip(t, 'n2'), await ip(t, 'n3'), await ip(t, 'n4')]).toEqual(['172.17.0.7', '172.17.0.19', '172.17.0.32', '172.17.0.42']);
    // A stopped container gives its address back; the next start takes the lowest free one.
    await t.setup('docker stop c0', 'docker run -dit --name n5 alpine', 'docker start c0');
    expect([await ip(t, 'n5'), await ip(t, 'c0')]).toEqual(['172.17.0.2', '172.17.0.43']);
  });

  it('names, renames and id prefixes are found after every change, and after a restore', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker run -dit --name a1 alpine', 'docker run -dit --name b1 alpine');
    const id = (await t.run('docker inspect -f "{{.Id}}" a1')).out.trim();
    await t.setup('docker rename a1 a2');
    expect((await t.run('docker inspect -f "{{.Name}}" a1')).err).toBe('Error: No such object: a1\n');
    expect((await t.run(`docker inspect -f "{{.Name}}" a2 ${id.slice(0, 12)} ${id.slice(0, 20)} ${id}`)).out).toBe('/a2\n/a2\n/a2\n/a2\n');
    // A name that looks like another container's id prefix is a name first (Docker's order).
    await t.setup(`docker run -dit --name ${id.slice(0, 12)} alpine`);
    expect((await t.run(`docker inspect -f "{{.Name}}" ${id.slice(0, 12)}`)).out).toBe(`/${id.slice(0, 12)}\n`);
    await t.setup(`docker rm -f ${id.slice(0, 12)}`);
    expect((await t.run(`docker inspect -f "{{.Name}}" ${id.slice(0, 12)}`)).out).toBe('/a2\n');
    await t.setup('docker rm -f a2');
    expect((await t.run(`docker inspect ${id.slice(0, 12)}`)).err).toBe(`Error: No such object: ${id.slice(0, 12)}\n`);
    expect((await t.run('docker run -dit --name b1 alpine')).err).toMatch(/^docker: Error response from daemon: Conflict. The container name "\/b1" is already in use/);

    const restored = await restoreLab(JSON.parse(JSON.stringify(t.lab.snapshot())));
    if (!restored.ok) throw new Error(restored.error);
    const r = new Term(restored.lab, restored.lab.openSession());
    expect((await r.run('docker inspect -f "{{.Name}}" b1')).out).toBe('/b1\n');
    await r.setup('docker rename b1 b2', 'docker run -dit --name b1 alpine');
    expect((await r.run('docker ps --format "{{.Names}}"')).out).toBe('b1\nb2\n');
  });

  it('a namespace joined with --network container: lives while either container runs', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker run -dit --name owner alpine', 'docker run -dit --name side --network container:owner alpine');
    await t.setup('docker stop owner');
    expect((await t.run('docker exec side ip -br addr')).out).toBe('lo               UNKNOWN        127.0.0.1/8 ::1/128 \n');
    await t.setup('docker rm -f side', 'docker start owner');
    expect((await t.run('docker exec owner ip -br addr')).out).toMatch(/^lo .*\neth0@if\d+ +UP +172\.17\.0\.2\/16/);
  });
});
