/**
 * Issue 13, finding 1: a damaged lab save must be refused with a reason, never load into a lab
 * that throws in `topology()` (the lesson page then fails to render) or answers every `docker`
 * command with `sim: internal error`. Each variant the review found is first shown breaking a
 * lab opened without the guard, then refused by restoreLab.
 */
import { describe, expect, it } from 'vitest';
import { createLab, restoreLab, type Lab, type LabSnapshot } from '../index';
import { LabImpl } from './lab';
import type { WorldState } from '../world/state';

// any: damaging a snapshot means reaching anywhere in it and writing anything there.
type Json = Record<string, any>;

const BUILD = [
  'docker network create app',
  'docker run -d --name web --network app -p 8080:80 nginx',
  'docker run -dit --name client --network app alpine',
  'docker run -dit --name old alpine',
  'docker stop old',
];

async function savedLab(): Promise<LabSnapshot> {
  return (await builtLab()).snapshot();
}

async function builtLab(): Promise<Lab> {
  const lab = createLab({ seed: 1 });
  const session = lab.openSession();
  for (const line of BUILD) {
    const r = await session.run(line);
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.output}`);
  }
  return lab;
}

const docker = (state: Json): Json => state['hosts']['host1']['docker'];
const container = (state: Json, name: string): Json => Object.values(docker(state)['containers'] as Json).find((c: Json) => c['name'] === name);
const network = (state: Json, name: string): Json => Object.values(docker(state)['networks'] as Json).find((n: Json) => n['name'] === name);

function damaged(snap: LabSnapshot, damage: (state: Json) => void): Json {
  const copy = JSON.parse(JSON.stringify(snap)) as Json;
  damage(copy['state']);
  return copy;
}

/** What a learner saw without the guard: the page's topology call throws, or commands report internal errors. */
async function unguardedFailure(save: Json | string): Promise<string> {
  const snap = (typeof save === 'string' ? JSON.parse(save) : save) as Json;
  const lab = new LabImpl(JSON.parse(JSON.stringify(snap['state'])) as WorldState, 'instant');
  try {
    lab.topology();
  } catch (error) {
    return `topology() throws: ${(error as Error).message}`;
  }
  const session = lab.openSession();
  const internal: string[] = [];
  for (const line of ['docker ps -a', 'docker network ls', 'docker inspect web client old']) {
    const out = (await session.run(line)).output;
    if (out.includes('sim: internal error')) internal.push(line);
  }
  return internal.length > 0 ? `sim: internal error from ${internal.join(', ')}` : 'works';
}

async function refusal(save: Json | string): Promise<string> {
  const r = await restoreLab(save);
  if (r.ok) throw new Error('the damaged save was restored');
  return r.error;
}

describe('a damaged save is refused (issue 13, finding 1)', () => {
  const variants: [string, (state: Json) => void, RegExp][] = [
    ['a container without hostConfig', (s) => delete container(s, 'web')['hostConfig'], /topology\(\) throws/],
    ['a container with ports: null', (s) => (container(s, 'web')['ports'] = null), /topology\(\) throws/],
    ['a container with endpoints: [{}]', (s) => (container(s, 'web')['endpoints'] = [{}]), /topology\(\) throws/],
    ['a network with ipam: null', (s) => (network(s, 'app')['ipam'] = null), /topology\(\) throws/],
    // The two that loaded, after which every listing printed an internal error.
    ['a container with args: null', (s) => (container(s, 'client')['args'] = null), /internal error from docker ps -a/],
    ['a container with config: null', (s) => (container(s, 'client')['config'] = null), /internal error from docker ps -a, docker inspect/],
    ['a network with labels: null', (s) => (network(s, 'app')['labels'] = null), /internal error from docker network ls/],
  ];

  for (const [what, damage, symptom] of variants) {
    it(what, async () => {
      const save = damaged(await savedLab(), damage);
      expect(await unguardedFailure(save)).toMatch(symptom);
      expect(await refusal(save)).toMatch(/^the saved lab is damaged: .+ failed \(/);
    });
  }

  it('a "__proto__" key under containers, as JSON text and as parsed JSON', async () => {
    const snap = await savedLab();
    const text = JSON.stringify(snap).replace('"containers":{', '"containers":{"__proto__":{"id":"x","endpoints":[]},');
    expect(text).toContain('"__proto__"');
    expect(await unguardedFailure(text)).toMatch(/topology\(\) throws/);
    expect(await refusal(text)).toBe('the saved lab is damaged: host host1 has a container record filed under "__proto__"');
    // JSON.parse makes "__proto__" an own key, as reading localStorage does; refused just the same.
    expect(await refusal(JSON.parse(text))).toMatch(/filed under "__proto__"/);
    // Even a well-formed record is refused there: containers are filed under their own id.
    const web = container(snap.state as Json, 'web');
    const wellFormed = JSON.stringify(snap).replace('"containers":{', `"containers":{"__proto__":${JSON.stringify(web)},`);
    expect(await refusal(wellFormed)).toMatch(/filed under "__proto__"/);
    expect(({} as Json)['id']).toBeUndefined();
  });

  it('the reason names the command that failed', async () => {
    const save = damaged(await savedLab(), (s) => (container(s, 'client')['args'] = null));
    expect(await refusal(save)).toMatch(/host1\$ docker ps -a failed \(sim: internal error in docker: .*args/);
  });
});

describe('a sound save', () => {
  it('restores, and the trial run leaves no trace in the lab handed back', async () => {
    const original = await builtLab();
    const snap = original.snapshot();
    const r = await restoreLab(JSON.stringify(snap));
    if (!r.ok) throw new Error(r.error);
    // Clock, logs, neighbour caches, ids: all as saved, although the trial pinged, curled and ran containers.
    expect(JSON.stringify(r.lab.snapshot())).toBe(JSON.stringify(snap));
    const line = 'docker ps -a --format "{{.Names}} {{.Status}}"; docker logs web; docker run -d alpine; ip neigh';
    const expected = (await original.openSession().run(line)).output;
    expect((await r.lab.openSession().run(line)).output).toBe(expected);
    expect(expected).toMatch(/^old Exited \(\d+\) .*\nclient Up .*\nweb Up /);
  });

  it('an empty lab and a lab on two hosts restore', async () => {
    for (const lab of [createLab(), createLab({ hosts: ['host1', 'host2'] })]) {
      const r = await restoreLab(lab.snapshot());
      expect(r.ok).toBe(true);
    }
  });
});

describe('whatever one field of a record is damaged to, restoreLab refuses or the lab works', () => {
  it('every field of a container, its config, hostConfig, endpoint and a network', async () => {
    const snap = await savedLab();
    const state = snap.state as Json;
    const records: [string, (s: Json) => Json][] = [
      ['web', (s) => container(s, 'web')],
      ['web.config', (s) => container(s, 'web')['config']],
      ['web.hostConfig', (s) => container(s, 'web')['hostConfig']],
      ['web.endpoints[0]', (s) => container(s, 'web')['endpoints'][0]],
      ['web.endpoints[0].live', (s) => container(s, 'web')['endpoints'][0]['live']],
      ['app', (s) => network(s, 'app')],
      ['app.ipam[0]', (s) => network(s, 'app')['ipam'][0]],
    ];
    let refused = 0;
    let restored = 0;
    for (const [where, record] of records) {
      for (const field of Object.keys(record(state))) {
        for (const value of [undefined, null, {}]) {
          const save = damaged(snap, (s) => {
            if (value === undefined) delete record(s)[field];
            else record(s)[field] = value;
          });
          const r = await restoreLab(save);
          if (!r.ok) {
            refused++;
            continue;
          }
          restored++;
          const lab: Lab = r.lab;
          expect(() => lab.topology(), `${where}.${field}=${JSON.stringify(value)}`).not.toThrow();
          const session = lab.openSession();
          for (const line of ['docker ps -a', 'docker network ls', 'docker inspect web client old', 'ip addr']) {
            expect((await session.run(line)).output, `${where}.${field}=${JSON.stringify(value)}: ${line}`).not.toContain('internal error');
          }
        }
      }
    }
    // Both happen: the guard is not refusing everything, and real damage is caught.
    expect(refused).toBeGreaterThan(20);
    expect(restored).toBeGreaterThan(20);
  });
});
