/**
 * A lab saved in the browser: the engine snapshot, the terminal history and what the terminal
 * showed. One entry per lesson (and one for the playground), under "docknet:lab:v1:<key>".
 */
import { keepable } from '@/lib/terminal/history';
import { readStorage, removeStorage, writeStorage } from './storage';
import { isFiniteNumber, isRecord, isStringArray } from './storage-validate';

const SAVED_LAB_VERSION = 1;

/**
 * The most one saved lab may take, measured as UTF-8 JSON. Browsers give a whole site about 5 MB
 * of localStorage: one runaway lab (issue 13: two commands made a 4.47M-character save) must not
 * take the room of every other lab and the learner's progress.
 */
export const MAX_SAVE_BYTES = 1024 * 1024;

export interface SavedLab {
  version: typeof SAVED_LAB_VERSION;
  /** Fingerprint of the lesson's starting lab: when the lesson changes, old saves are dropped. */
  spec: string;
  savedAt: number;
  /** The engine's snapshot; the engine itself judges it (restoreLab). */
  snapshot: unknown;
  history: string[];
  transcript: string;
  /** Where the terminal's session was (inside a container, on host2); the engine validates it. */
  place?: unknown;
}

function asSavedLab(data: unknown): SavedLab | null {
  if (!isRecord(data) || data.version !== SAVED_LAB_VERSION) return null;
  const { spec, savedAt, snapshot, history, transcript, place } = data;
  if (typeof spec !== 'string' || !isFiniteNumber(savedAt) || typeof transcript !== 'string') return null;
  if (!isStringArray(history) || history.length > 5000 || snapshot === undefined) return null;
  return {
    version: SAVED_LAB_VERSION,
    spec,
    savedAt,
    snapshot,
    history: history.filter(keepable),
    transcript,
    ...(place !== undefined ? { place } : {}),
  };
}

export type LoadedLab =
  | { kind: 'none' }
  | { kind: 'saved'; saved: SavedLab }
  /** Something was stored but cannot be used; `reason` is shown to the learner. */
  | { kind: 'unusable'; reason: string };

export function labStorageKey(labKey: string): string {
  return `docknet:lab:v1:${labKey}`;
}

export function loadSavedLab(labKey: string, spec: string): LoadedLab {
  const raw = readStorage(labStorageKey(labKey));
  if (raw === null) return { kind: 'none' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'unusable', reason: 'the saved data is not valid JSON' };
  }
  const saved = asSavedLab(data);
  if (!saved) return { kind: 'unusable', reason: 'the saved data is from another version of Docknet or damaged' };
  if (saved.spec !== spec) return { kind: 'unusable', reason: "this lesson's starting lab has changed since you saved it" };
  return { kind: 'saved', saved };
}

export type SaveOutcome =
  | { ok: true; bytes: number }
  /** Nothing was written: the lab alone is over MAX_SAVE_BYTES. The previous save is still there. */
  | { ok: false; reason: 'too-big'; bytes: number }
  /** The browser refused (storage full or turned off). */
  | { ok: false; reason: 'storage' };

function utf8Bytes(text: string): number {
  // Every UTF-16 unit is at least one UTF-8 byte: a text this long is too big without encoding it.
  return text.length > MAX_SAVE_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
}

/**
 * Saves a lab in at most MAX_SAVE_BYTES. What the terminal showed and the oldest history lines
 * give way first (they only make the reload look the same); a lab too big even without them is
 * not written at all, so the last save that fitted stays.
 */
export function saveLab(labKey: string, lab: Omit<SavedLab, 'version' | 'savedAt'>): SaveOutcome {
  const record: SavedLab = { version: SAVED_LAB_VERSION, savedAt: Date.now(), ...lab, history: lab.history.filter(keepable) };
  let json = JSON.stringify(record);
  let bytes = utf8Bytes(json);
  if (bytes > MAX_SAVE_BYTES) {
    const bare = JSON.stringify({ ...record, history: [], transcript: '' });
    const bareBytes = utf8Bytes(bare);
    if (bareBytes > MAX_SAVE_BYTES) return { ok: false, reason: 'too-big', bytes: bareBytes };
    // Keep the newest history lines that fit (each costs its JSON text and a comma).
    let room = MAX_SAVE_BYTES - bareBytes;
    let kept = 0;
    for (let i = record.history.length - 1; i >= 0; i--) {
      const cost = utf8Bytes(JSON.stringify(record.history[i])) + 1;
      if (cost > room) break;
      room -= cost;
      kept++;
    }
    json = JSON.stringify({ ...record, history: record.history.slice(record.history.length - kept), transcript: '' });
    bytes = utf8Bytes(json);
  }
  return writeStorage(labStorageKey(labKey), json) ? { ok: true, bytes } : { ok: false, reason: 'storage' };
}

/** "1.3 MB": sizes as a learner reads them. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function forgetLab(labKey: string): void {
  removeStorage(labStorageKey(labKey));
}
