/**
 * A lab saved in the browser: the engine snapshot, the terminal history and what the terminal
 * showed. One entry per lesson (and one for the playground), under "docknet:lab:v1:<key>".
 */
import { z } from 'zod';
import { readStorage, removeStorage, writeStorage } from './storage';

const SAVED_LAB_VERSION = 1;

const savedLabSchema = z.object({
  version: z.literal(SAVED_LAB_VERSION),
  /** Fingerprint of the lesson's starting lab: when the lesson changes, old saves are dropped. */
  spec: z.string(),
  savedAt: z.number(),
  snapshot: z.unknown(),
  history: z.array(z.string()).max(5000),
  transcript: z.string(),
});

export type SavedLab = z.infer<typeof savedLabSchema>;

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
  const parsed = savedLabSchema.safeParse(data);
  if (!parsed.success) return { kind: 'unusable', reason: 'the saved data is from another version of Docknet or damaged' };
  if (parsed.data.spec !== spec) return { kind: 'unusable', reason: "this lesson's starting lab has changed since you saved it" };
  return { kind: 'saved', saved: parsed.data };
}

export function saveLab(labKey: string, lab: Omit<SavedLab, 'version' | 'savedAt'>): boolean {
  const record: SavedLab = { version: SAVED_LAB_VERSION, savedAt: Date.now(), ...lab };
  return writeStorage(labStorageKey(labKey), JSON.stringify(record));
}

export function forgetLab(labKey: string): void {
  removeStorage(labStorageKey(labKey));
}
