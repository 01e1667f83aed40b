import type { ContainerRec } from '../types';

/**
 * Containers by name and by the first 12 characters of their id, so that `docker rm -f
 * $(docker ps -aq)` of thousands looks each one up without walking them all. Derived from the
 * host's `containers` record (not saved: a restored or copied world builds its own on first use)
 * and kept current by the only code that adds, removes or renames a container (containers.ts,
 * lifecycle.ts's --rm). A hit is checked against the record, so a stale entry is never believed.
 */

type Containers = Record<string, ContainerRec>;

interface Index {
  byName: Map<string, ContainerRec>;
  byShortId: Map<string, ContainerRec[]>;
  /** Containers made with --network container:X (the only ones that join another's namespace). */
  joiners: Set<ContainerRec>;
}

const SHORT = 12;
const INDEXES = new WeakMap<Containers, Index>();

function build(all: Containers): Index {
  const ix: Index = { byName: new Map(), byShortId: new Map(), joiners: new Set() };
  for (const c of Object.values(all)) add(ix, c);
  INDEXES.set(all, ix);
  return ix;
}

function add(ix: Index, c: ContainerRec): void {
  ix.byName.set(c.name, c);
  if (c.hostConfig.networkMode.startsWith('container:')) ix.joiners.add(c);
  const key = c.id.slice(0, SHORT);
  const list = ix.byShortId.get(key);
  if (list) list.push(c);
  else ix.byShortId.set(key, [c]);
}

function indexOf(all: Containers): Index {
  return INDEXES.get(all) ?? build(all);
}

function current(all: Containers, c: ContainerRec): boolean {
  return Object.hasOwn(all, c.id) && all[c.id] === c;
}

export function indexAdded(all: Containers, c: ContainerRec): void {
  const ix = INDEXES.get(all);
  if (ix) add(ix, c);
}

export function indexRemoved(all: Containers, c: ContainerRec): void {
  const ix = INDEXES.get(all);
  if (!ix) return;
  if (ix.byName.get(c.name) === c) ix.byName.delete(c.name);
  ix.joiners.delete(c);
  const key = c.id.slice(0, SHORT);
  const list = ix.byShortId.get(key)?.filter((o) => o !== c);
  if (list && list.length > 0) ix.byShortId.set(key, list);
  else ix.byShortId.delete(key);
}

export function indexRenamed(all: Containers, c: ContainerRec, oldName: string): void {
  const ix = INDEXES.get(all);
  if (!ix) return;
  if (ix.byName.get(oldName) === c) ix.byName.delete(oldName);
  ix.byName.set(c.name, c);
}

/** The container with exactly this name. */
export function containerNamed(all: Containers, name: string): ContainerRec | undefined {
  const hit = indexOf(all).byName.get(name);
  if (!hit || (current(all, hit) && hit.name === name)) return hit;
  // Changed behind the index's back: rebuild once.
  const fresh = build(all).byName.get(name);
  return fresh && current(all, fresh) && fresh.name === name ? fresh : undefined;
}

/** Containers whose id starts with `prefix`, oldest first (a short prefix walks them all). */
export function containersWithIdPrefix(all: Containers, prefix: string): ContainerRec[] {
  if (prefix.length < SHORT) return Object.values(all).filter((c) => c.id.startsWith(prefix));
  const list = indexOf(all).byShortId.get(prefix.slice(0, SHORT)) ?? [];
  return list.filter((c) => current(all, c) && c.id.startsWith(prefix));
}

/** Containers that joined another container's network namespace (`--network container:X`). */
export function namespaceJoiners(all: Containers): ContainerRec[] {
  return [...indexOf(all).joiners].filter((c) => current(all, c));
}
