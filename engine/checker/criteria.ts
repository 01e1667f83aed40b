import type { CriterionResult } from './goal';

/** A criterion as a check produces it: with the ids of criteria that would explain its failure. */
export interface Graded extends CriterionResult {
  /** Candidate causes, most fundamental first: the first of them that exists and fails becomes `dependsOn`. */
  causes?: string[];
}

export function crit(id: string, label: string, pass: boolean, message: string, causes?: string[]): Graded {
  return causes && causes.length ? { id, label, pass, message, causes } : { id, label, pass, message };
}

/** The `@host` part of an id or a name: empty on the lab's first host, so single-host ids never change. */
export function at(host: string | undefined, firstHost: string): string {
  return host === undefined || host === firstHost ? '' : `@${host}`;
}

/** How messages name something placed on a host: "api" on the first host, "api on host2" elsewhere. */
export function onHost(name: string, host: string | undefined, firstHost: string): string {
  return host === undefined || host === firstHost ? name : `${name} on ${host}`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Folds each failing criterion under its first cause: the first of its candidate causes that is in
 * the report and fails, followed to the root, so the learner sees one cause with what follows from it.
 */
export function foldCauses(graded: readonly Graded[]): CriterionResult[] {
  const byId = new Map<string, Graded>();
  for (const g of graded) if (!byId.has(g.id)) byId.set(g.id, g);
  const parentOf = (g: Graded): string | undefined => g.causes?.find((c) => c !== g.id && byId.get(c)?.pass === false);
  const rootOf = (g: Graded): string | undefined => {
    let parent = parentOf(g);
    const seen = new Set<string>([g.id]);
    while (parent !== undefined) {
      const next = parentOf(byId.get(parent)!);
      if (next === undefined || seen.has(next)) return parent;
      seen.add(parent);
      parent = next;
    }
    return undefined;
  };
  return graded.map((g) => {
    const result: CriterionResult = { id: g.id, label: g.label, pass: g.pass, message: g.message };
    if (g.pass) return result;
    const root = rootOf(g);
    return root === undefined ? result : { ...result, dependsOn: root };
  });
}
