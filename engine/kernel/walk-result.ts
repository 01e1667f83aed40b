import type { NfVerdict } from './netfilter';
import type { NetNs, Proto } from './types';
import { dropWords, trailOf, type CtEntry, type FailReason, type NatEntry, type PathHop, type Pkt, type WalkFail, type WalkOk } from './walk-types';

/** Walk results; their words (`trail`, `where`) are derived from the structured path only when read. */

class Ok implements WalkOk {
  readonly ok = true as const;
  readonly src: string;
  readonly dst: string;
  readonly proto: Proto;
  readonly dport: number | null;
  readonly sport: number | null;
  readonly origSrc: string;
  readonly hops: number;
  readonly nat: NatEntry[];
  readonly lanHops: number;
  readonly mark: number;
  readonly len: number;
  readonly icmpId?: number;
  readonly icmpSeq?: number;
  readonly ct?: CtEntry[];
  readonly path: PathHop[];
  readonly routers: string[];
  constructor(
    readonly ns: NetNs,
    p: Pkt,
  ) {
    this.src = p.src;
    this.dst = p.dst;
    this.proto = p.proto;
    this.dport = p.dport;
    this.sport = p.sport ?? null;
    this.origSrc = p.origSrc;
    this.hops = p.hops;
    this.nat = p.nat;
    this.lanHops = p.lanHops;
    this.mark = p.mark;
    this.len = p.len;
    this.icmpId = p.icmpId;
    this.icmpSeq = p.icmpSeq;
    if (p.ct) this.ct = p.ct;
    this.path = p.path;
    this.routers = p.routers;
  }

  get trail(): string[] {
    return trailOf(this.path);
  }
}

class Fail implements WalkFail {
  readonly ok = false as const;
  readonly path: PathHop[];
  readonly routers: string[];
  constructor(
    readonly reason: FailReason,
    readonly at: PathHop,
    p: Pkt,
  ) {
    this.path = p.path;
    this.routers = p.routers;
  }

  get trail(): string[] {
    return trailOf(this.path);
  }

  get where(): string {
    return dropWords(this.at);
  }
}

export function walkOk(ns: NetNs, p: Pkt): WalkOk {
  return new Ok(ns, p);
}

/** Ends a walk: the drop becomes the last hop of the path. */
export function walkFail(p: Pkt, reason: FailReason, at: PathHop): WalkFail {
  p.path.push(at);
  return new Fail(reason, at, p);
}

export function dropHop(ns: NetNs, dev: string | null, why: string): PathHop {
  return { step: 'drop', ns: ns.id, host: ns.hostname, dev, why };
}

export function ruleHop(ns: NetNs, dev: string | null, verdict: NfVerdict): PathHop {
  return { step: 'drop', ns: ns.id, host: ns.hostname, dev, verdict };
}
