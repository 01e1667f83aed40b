/**
 * `docker network prune` and legacy `--link` on the default bridge (split from user-bridge.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('network prune', () => {
  it('asks first; "y" removes only unused custom networks and lists them', async () => {
    const t = newTerm();
    await t.setup('docker network create p1', 'docker network create p2', 'docker run -dit --name u1 --network p2 alpine');
    const r = await t.run('docker network prune', ['y']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] Deleted Networks:\np1\n\n',
    );
    expect((await t.run('docker network ls --format "{{.Name}}"')).out).toBe('bridge\nhost\nnone\np2\n');
  });

  it('-f does not ask; with nothing to prune it prints nothing', async () => {
    const t = newTerm();
    expect(await t.run('docker network prune -f')).toMatchObject({ out: '', err: '', code: 0 });
  });
});

describe('legacy --link on the default bridge', () => {
  it('writes "IP alias hostname name" into /etc/hosts, resolves the alias, and sets <ALIAS>_NAME (28.x)', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name db alpine', 'docker run -dit --name app --link db:database alpine');
    const dbHost = (await t.run('docker exec db hostname')).out.trim();
    const hosts = await t.run('docker exec app cat /etc/hosts');
    expect(hosts.out).toContain(`172.17.0.2\tdatabase ${dbHost} db\n`);
    expect((await t.run('docker exec app ping -c 1 database')).out).toMatch(/^PING database \(172\.17\.0\.2\)/);
    expect((await t.run(`docker inspect -f '{{json .HostConfig.Links}}' app`)).out).toBe('["/db:/app/database"]\n');
    const env = await t.run('docker exec app env');
    expect(lines(env.out)).toContain('DATABASE_NAME=/app/database');
  });

  it('a link to a container on another network is refused', async () => {
    const t = newTerm();
    await t.setup('docker network create other', 'docker run -dit --name c2 --network other alpine');
    const r = await t.run('docker run -d --link c2:x alpine');
    expect(r.code).toBe(125);
    expect(r.err).toContain('Cannot link to /c2, as it does not belong to the default network');
  });
});
