/**
 * Saved labs stay within MAX_SAVE_BYTES (issue 13, finding 7): what only makes a reload look the
 * same gives way first, and a lab too big even without it is not written, so the last save that
 * fitted is kept and the learner is told (components/lab/save-notice.ts).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createLab } from '@/engine';
import { HISTORY_LINE_LIMIT } from '@/lib/terminal/history';
import { afterSave, newSaveWatch } from '@/components/lab/save-notice';
import { installMemoryStorage } from './memory-storage';
import { MAX_SAVE_BYTES, formatSize, labStorageKey, loadSavedLab, saveLab } from './saved-lab';

const storage = installMemoryStorage();
const KEY = 'lesson:test';
const SPEC = '{"hosts":["host1"],"setup":[]}';

function stored(): string {
  return storage.getItem(labStorageKey(KEY)) ?? '';
}

function bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** A real lab holding about `size` characters of network labels (a command line takes 100,000 at most). */
async function labWithLabel(size: number, char = 'x') {
  const lab = createLab({ seed: 1 });
  const session = lab.openSession();
  for (let i = 0; size > 0; i++, size -= 90_000) {
    const r = await session.run(`docker network create --label big=${char.repeat(Math.min(size, 90_000))} bulky${i}`);
    if (r.exitCode !== 0) throw new Error(r.output);
  }
  return lab;
}

describe('saving a lab', () => {
  beforeEach(() => storage.clear());

  it('an everyday lab is saved whole', async () => {
    const lab = createLab({ seed: 1 });
    await lab.openSession().run('docker run -d --name web -p 8080:80 nginx');
    const outcome = saveLab(KEY, { spec: SPEC, snapshot: lab.snapshot(), history: ['docker run -d --name web -p 8080:80 nginx'], transcript: 'hello\r\n' });
    expect(outcome).toEqual({ ok: true, bytes: bytes(stored()) });
    const loaded = loadSavedLab(KEY, SPEC);
    if (loaded.kind !== 'saved') throw new Error(loaded.kind);
    expect(loaded.saved.snapshot).toEqual(JSON.parse(JSON.stringify(lab.snapshot())));
    expect(loaded.saved.transcript).toBe('hello\r\n');
  });

  it('a lab over 1 MB is not written; the previous save stays, and the learner is told', async () => {
    const small = createLab({ seed: 1 });
    expect(saveLab(KEY, { spec: SPEC, snapshot: small.snapshot(), history: ['ls'], transcript: '' }).ok).toBe(true);
    const before = stored();
    const big = await labWithLabel(MAX_SAVE_BYTES);
    const outcome = saveLab(KEY, { spec: SPEC, snapshot: big.snapshot(), history: ['ls'], transcript: '' });
    expect(outcome).toMatchObject({ ok: false, reason: 'too-big' });
    if (outcome.ok || outcome.reason !== 'too-big') throw new Error('expected too-big');
    expect(outcome.bytes).toBeGreaterThan(MAX_SAVE_BYTES);
    expect(stored()).toBe(before);

    const watch = newSaveWatch();
    const action = afterSave(outcome, watch, KEY, SPEC);
    if (action.kind !== 'show') throw new Error(action.kind);
    expect(action.notice.tone).toBe('warning');
    expect(action.notice.text).toMatch(/^This lab is too big to keep: it needs 1\.\d MB and a saved lab may take 1\.0 MB\. Your last save, from .+, is kept/);
    // Said once, not after every command…
    expect(afterSave(outcome, watch, KEY, SPEC).kind).toBe('none');
    // …and taken back when the lab fits again.
    const fits = saveLab(KEY, { spec: SPEC, snapshot: small.snapshot(), history: [], transcript: '' });
    expect(afterSave(fits, watch, KEY, SPEC)).toEqual({
      kind: 'fits-again',
      replaces: action.notice.text,
      notice: { tone: 'info', text: 'The lab fits again and is saved.' },
    });
  });

  it('with no earlier save, the notice says nothing is kept', async () => {
    const big = await labWithLabel(MAX_SAVE_BYTES);
    const outcome = saveLab(KEY, { spec: SPEC, snapshot: big.snapshot(), history: [], transcript: '' });
    const action = afterSave(outcome, newSaveWatch(), KEY, SPEC);
    expect(action.kind === 'show' && action.notice.text).toMatch(/Nothing of it is saved: it is lost when you leave the page\./);
    expect(stored()).toBe('');
  });

  it('bytes are counted as UTF-8: 600,000 characters of "é" are 1.2 MB', async () => {
    const lab = await labWithLabel(600_000, 'é');
    const json = JSON.stringify(lab.snapshot());
    expect(json.length).toBeLessThan(MAX_SAVE_BYTES);
    expect(saveLab(KEY, { spec: SPEC, snapshot: lab.snapshot(), history: [], transcript: '' })).toMatchObject({ ok: false, reason: 'too-big' });
  });

  it('the transcript, then the oldest history lines, give way to keep a lab that fits', async () => {
    const lab = await labWithLabel(MAX_SAVE_BYTES - 200_000);
    const history = Array.from({ length: 1000 }, (_, i) => `echo ${i} ${'h'.repeat(HISTORY_LINE_LIMIT - 12)}`);
    const outcome = saveLab(KEY, { spec: SPEC, snapshot: lab.snapshot(), history, transcript: 't'.repeat(60_000) });
    expect(outcome.ok).toBe(true);
    expect(bytes(stored())).toBeLessThanOrEqual(MAX_SAVE_BYTES);
    const loaded = loadSavedLab(KEY, SPEC);
    if (loaded.kind !== 'saved') throw new Error(loaded.kind);
    expect(loaded.saved.transcript).toBe('');
    expect(loaded.saved.history.length).toBeGreaterThan(10);
    expect(loaded.saved.history.length).toBeLessThan(1000);
    // The newest lines are the ones kept, in order.
    expect(loaded.saved.history.at(-1)).toBe(history.at(-1));
    expect(loaded.saved.history).toEqual(history.slice(-loaded.saved.history.length));
  });

  it('history lines over the limit are neither saved nor loaded', () => {
    const lab = createLab({ seed: 1 });
    const long = 'x'.repeat(HISTORY_LINE_LIMIT + 1);
    saveLab(KEY, { spec: SPEC, snapshot: lab.snapshot(), history: ['ls', long, 'pwd'], transcript: '' });
    expect(stored()).not.toContain(long);
    const record = JSON.parse(stored()) as { history: string[] };
    storage.setItem(labStorageKey(KEY), JSON.stringify({ ...record, history: ['ls', long, 'pwd'] }));
    const loaded = loadSavedLab(KEY, SPEC);
    expect(loaded.kind === 'saved' && loaded.saved.history).toEqual(['ls', 'pwd']);
  });

  it('sizes read as a learner reads them', () => {
    expect(formatSize(MAX_SAVE_BYTES)).toBe('1.0 MB');
    expect(formatSize(4_470_000)).toBe('4.3 MB');
    expect(formatSize(20_000)).toBe('20 KB');
  });
});
