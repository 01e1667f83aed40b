/**
 * Snapshot/restore and determinism (DESIGN "Rules of the house"; issue 2 item 7): a restored lab behaves
 * like the original, broken snapshots are refused, and the same seed and commands give the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { createLab, restoreLab, type Lab } from '../index';
import { newTerm, Term } from './helpers';

const BUILD = [
  'docker network create app',
  'docker network create --subnet 10.20.0.0/24 --internal back',
  'docker run -d --name web --network app -p 8080:80 nginx',
  'docker run -dit --name client --network app alpine',
  'docker run -dit --name db --network back --network-alias database alpine',
  'docker network connect back client',
  'docker run -dit --name old alpine',
  'docker stop old',
];

const PROBE = [
  'docker ps -a',
  'docker network ls',
  'ip a',
  'brctl show',
  'iptables -t nat -S',
  'docker exec client ip a',
  'docker exec client ping -c 2 web',
  'docker exec client ping -c 1 database',
  'docker exec db ping -c 1 -W 1 8.8.8.8',
  'curl -s localhost:8080 | head -4',
  'docker inspect client',
  'docker network inspect app',
  'docker run -dit --name fresh --network app alpine',
  'docker exec fresh ping -c 1 client',
  'docker start old',
  'docker ps',
];

/** Runs lines in a session and returns the transcript as the terminal shows it. */
async function transcript(t: Term, script: string[]): Promise<string> {
  let text = '';
  for (const line of script) {
    text += t.prompt() + line + '\n';
    const r = await t.run(line);
    text += r.output + `[${r.code}]\n`;
  }
  return text;
}

async function restored(lab: Lab, viaString: boolean): Promise<Term> {
  const snap = lab.snapshot();
  const json = JSON.stringify(snap);
  const r = await restoreLab(viaString ? json : JSON.parse(json));
  if (!r.ok) throw new Error(`restore failed: ${r.error}`);
  return new Term(r.lab, r.lab.openSession());
}

describe('snapshot → JSON → restoreLab', () => {
  it('the snapshot is plain JSON with a format and a version', async () => {
    const t = newTerm();
    await t.setup(...BUILD);
    const snap = t.lab.snapshot();
    expect(snap.format).toBe('docknet-lab');
    expect(typeof snap.version).toBe('number');
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it('a restored lab answers every probe exactly as the original does', async () => {
    const a = newTerm();
    await a.setup(...BUILD);
    const b = await restored(a.lab, false);
    const ta = await transcript(a, PROBE);
    const tb = await transcript(b, PROBE);
    expect(tb).toBe(ta);
    // And the probes did what they should, so equality is not two empty transcripts.
    expect(ta).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    expect(ta).toContain('<title>Welcome to nginx!</title>');
    expect(ta).toMatch(/ping: sendto: Network (is )?unreachable/);
  });

  it('restoreLab also takes the JSON text', async () => {
    const a = newTerm();
    await a.setup(...BUILD);
    const b = await restored(a.lab, true);
    expect(await transcript(b, ['docker ps -a', 'docker exec client ping -c 1 web'])).toBe(
      await transcript(a, ['docker ps -a', 'docker exec client ping -c 1 web']),
    );
  });

  it('keeps hosts: a two-host lab restores both, and ssh still works', async () => {
    const a = newTerm({ hosts: ['host1', 'host2'] });
    await a.setup('ssh host2', 'docker run -dit --name far alpine', 'exit');
    const b = await restored(a.lab, false);
    expect(b.lab.hosts).toEqual(['host1', 'host2']);
    const script = ['ssh host2', 'docker ps -a --format "{{.Names}} {{.Status}}"', 'exit', 'docker ps -a'];
    expect(await transcript(b, script)).toBe(await transcript(a, script));
  });

  it('snapshotting does not change the lab', async () => {
    const a = newTerm({ seed: 5 });
    const b = newTerm({ seed: 5 });
    await a.setup(...BUILD);
    await b.setup(...BUILD);
    a.lab.snapshot();
    JSON.stringify(a.lab.snapshot());
    expect(await transcript(a, PROBE)).toBe(await transcript(b, PROBE));
  });
});

describe('broken and old snapshots are refused, never half-loaded', () => {
  it('non-snapshots', async () => {
    for (const bad of [null, undefined, 42, 'not json', '{"format":"docknet-lab"', [], {}, { format: 'other', version: 1, state: {} }]) {
      const r = await restoreLab(bad);
      expect(r.ok, JSON.stringify(bad) ?? 'undefined').toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
    }
  });

  it('an old version and a missing state', async () => {
    const t = newTerm();
    await t.setup(...BUILD);
    const snap = t.lab.snapshot();
    const old = await restoreLab({ ...snap, version: snap.version - 1 });
    expect(old.ok).toBe(false);
    const future = await restoreLab({ ...snap, version: snap.version + 1 });
    expect(future.ok).toBe(false);
    expect((await restoreLab({ ...snap, state: null })).ok).toBe(false);
    expect((await restoreLab({ ...snap, state: 'x' })).ok).toBe(false);
  });

  it('a truncated JSON text', async () => {
    const t = newTerm();
    await t.setup(...BUILD);
    const json = JSON.stringify(t.lab.snapshot());
    for (const cut of [10, json.length / 2, json.length - 1]) expect((await restoreLab(json.slice(0, Math.floor(cut)))).ok).toBe(false);
  });

  it('damaging any part of the state is refused, or the restored lab still never throws', async () => {
    const t = newTerm();
    await t.setup(...BUILD);
    const snap = t.lab.snapshot();
    const state = snap.state as Record<string, unknown>;
    const paths: string[][] = Object.keys(state).map((k) => [k]);
    for (const [k, v] of Object.entries(state)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const k2 of Object.keys(v)) paths.push([k, k2]);
    }
    let refused = 0;
    for (const path of paths) {
      for (const damage of [null, 'garbage']) {
        const copy = JSON.parse(JSON.stringify(snap)) as { state: Record<string, any> };
        let obj: Record<string, any> = copy.state;
        for (const p of path.slice(0, -1)) obj = obj[p];
        obj[path[path.length - 1]!] = damage;
        // restoreLab never rejects: a damaged save is an { ok: false } answer.
        const r = await restoreLab(copy);
        if (!r.ok) {
          refused++;
          continue;
        }
        const s = r.lab.openSession();
        for (const line of ['docker ps -a', 'docker network ls', 'ip a', 'docker exec client ping -c 1 web']) {
          const out = await s.run(line);
          expect(out.output, `${path.join('.')}=${String(damage)}: ${line}`).not.toContain('internal error');
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  const SCRIPT = [...BUILD, ...PROBE, 'docker run -d -P nginx', 'docker ps -a', 'docker network prune -f', 'docker rm -f web client', 'docker network ls', 'docker info'];

  it('the same seed and commands give a byte-identical transcript', async () => {
    const one = await transcript(newTerm({ seed: 42 }), SCRIPT);
    const two = await transcript(newTerm({ seed: 42 }), SCRIPT);
    expect(two).toBe(one);
    expect(one).toMatch(/[0-9a-f]{64}/);
  });

  it('another seed gives other ids and names', async () => {
    const one = await transcript(newTerm({ seed: 1 }), ['docker run -d nginx', 'docker ps -a --format "{{.ID}} {{.Names}}"']);
    const two = await transcript(newTerm({ seed: 2 }), ['docker run -d nginx', 'docker ps -a --format "{{.ID}} {{.Names}}"']);
    expect(two).not.toBe(one);
  });

  it('a restored lab continues the same random sequence as the original', async () => {
    const a = newTerm({ seed: 9 });
    await a.setup(...BUILD);
    const b = await restored(a.lab, false);
    const more = ['docker run -d nginx', 'docker network create more', 'docker ps -a', 'docker exec client ip link'];
    expect(await transcript(b, more)).toBe(await transcript(a, more));
  });

  it('createLab with the default seed equals seed 1', async () => {
    const lab = createLab();
    const s = lab.openSession();
    const r1 = await s.run('docker network create n1');
    const r2 = await newTerm({ seed: 1 }).run('docker network create n1');
    expect(r1.output).toBe(r2.output);
  });
});
