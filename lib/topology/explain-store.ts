/**
 * The path being explained on this page: set by the picture's "Why can't A reach B?" form, by
 * "Explain" on a failed check, or by "Explain my last ping/curl"; read by the picture, which
 * draws it. One per page (there is one lab pane), kept outside React so the exercise text and the
 * lab pane, far apart in the tree, share it without a provider.
 */
import type { ExplainRequest, PathExplanation } from '@/engine';

export interface ShownExplanation {
  request: ExplainRequest;
  result: PathExplanation;
  /** Where it was asked: the picture's form, a check result, the terminal's last probe. */
  source: 'picture' | 'check' | 'terminal';
  /** The lab it was computed on (LabProvider's generation): another lab clears it. */
  generation: number;
}

let shown: ShownExplanation | null = null;
const listeners = new Set<() => void>();

export function getExplanation(): ShownExplanation | null {
  return shown;
}

export function setExplanation(next: ShownExplanation | null): void {
  shown = next;
  for (const listener of listeners) listener();
}

export function subscribeExplanation(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
