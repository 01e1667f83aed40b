/**
 * What the lab pane tells the learner after a save: nothing while saves work; plainly when one
 * did not happen (the lab is over the size limit, or the browser refused), and what is kept.
 */
import { MAX_SAVE_BYTES, formatSize, loadSavedLab, type SaveOutcome } from '@/lib/lab/saved-lab';

/** A message the lab pane shows above the terminal, with optional actions. */
export interface LabNoticeAction {
  label: string;
  run(): void;
}

export interface LabNotice {
  tone: 'info' | 'warning';
  text: string;
  actions?: LabNoticeAction[];
  /** Notices of one kind replace each other (and a dismissed offer is not made again). */
  kind?: string;
}

/** Per lab pane: which failure the learner has been told about, so it is said once. */
export interface SaveWatch {
  warned: 'too-big' | 'storage' | null;
  /** The too-big notice on show, so that only it is replaced once the lab fits again. */
  tooBigText: string | null;
}

export function newSaveWatch(): SaveWatch {
  return { warned: null, tooBigText: null };
}

export type SaveNoticeAction =
  | { kind: 'none' }
  | { kind: 'show'; notice: LabNotice }
  /** Replace the too-big notice (if it is still shown) with this one. */
  | { kind: 'fits-again'; replaces: string; notice: LabNotice };

function lastSaveTime(labKey: string, spec: string): string | null {
  const loaded = loadSavedLab(labKey, spec);
  return loaded.kind === 'saved' ? new Date(loaded.saved.savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : null;
}

export function afterSave(outcome: SaveOutcome, watch: SaveWatch, labKey: string, spec: string): SaveNoticeAction {
  if (outcome.ok) {
    if (watch.warned !== 'too-big' || watch.tooBigText === null) return { kind: 'none' };
    const replaces = watch.tooBigText;
    watch.warned = null;
    watch.tooBigText = null;
    return { kind: 'fits-again', replaces, notice: { tone: 'info', text: 'The lab fits again and is saved.' } };
  }
  if (outcome.reason === 'storage') {
    if (watch.warned === 'storage') return { kind: 'none' };
    watch.warned = 'storage';
    return {
      kind: 'show',
      notice: { tone: 'warning', text: 'Your browser did not let Docknet save this lab (storage is full or disabled). It will be lost when you leave the page.' },
    };
  }
  if (watch.warned === 'too-big') return { kind: 'none' };
  const when = lastSaveTime(labKey, spec);
  const text =
    `This lab is too big to keep: it needs ${formatSize(outcome.bytes)} and a saved lab may take ${formatSize(MAX_SAVE_BYTES)}. ` +
    (when
      ? `Your last save, from ${when}, is kept: changes made since then are lost when you leave the page. `
      : 'Nothing of it is saved: it is lost when you leave the page. ') +
    'Removing containers or networks (or Reset lab) brings it back under the limit.';
  watch.warned = 'too-big';
  watch.tooBigText = text;
  return { kind: 'show', notice: { tone: 'warning', text } };
}
