/**
 * A lab whose hosts form a swarm, for tests of the swarm commands. The swarm is made through the
 * Engine API (the `docker swarm init/join` verbs live in another branch for now); everything a
 * test then checks goes through terminals, as a learner types.
 */
import type { EngineApi } from '../docker/api';
import { createOverlay, type OverlaySpec } from '../docker/swarm/overlays';
import type { SwarmCluster } from '../docker/types';
import { createLab, type LabImpl } from '../lab/lab';
import { Term } from './helpers';

export const SWARM_INIT = { advertiseAddr: null, availability: 'active' as const, defaultAddrPool: '10.0.0.0/8', subnetSize: 24, dataPathPort: 4789 };

export interface SwarmLab {
  lab: LabImpl;
  e(host: string): EngineApi;
  /** A terminal on each host (host1 is the manager). */
  term(host: string): Term;
  cluster(): SwarmCluster;
  /** An overlay the managers allocate (the `network create -d overlay` verb is another branch's). */
  overlay(name: string, extra?: Partial<OverlaySpec>): string;
}

/** `hosts[0]` inits the swarm, the others join as workers. */
export function swarmLab(hosts: string[] = ['host1', 'host2', 'host3'], seed = 1): SwarmLab {
  const lab = createLab({ hosts, seed });
  const e = (h: string) => lab.rt.daemon(h)!;
  const init = e(hosts[0]!).swarmInit(SWARM_INIT);
  if (!init.ok) throw new Error(init.error);
  const token = e(hosts[0]!).swarmJoinToken('worker', false);
  if (!token.ok) throw new Error(token.error);
  for (const h of hosts.slice(1)) {
    const r = e(h).swarmJoin(token.value.token, token.value.managerAddr, null);
    if (!r.ok) throw new Error(r.error);
  }
  const terms = new Map(hosts.map((h) => [h, new Term(lab, lab.openSession(h))]));
  const cluster = () => Object.values(lab.world.swarms!)[0]!;
  return {
    lab,
    e,
    term: (h) => terms.get(h)!,
    cluster,
    overlay(name, extra = {}) {
      const r = createOverlay(lab.world, cluster(), { name, subnet: null, gateway: null, attachable: false, ingress: false, internal: false, labels: {}, options: {}, ...extra });
      if (!r.ok) throw new Error(r.error);
      return r.value.id;
    },
  };
}

/**
 * What a terminal shows after an output stream with cursor movement (docker's progress redraws
 * lines in place): line feeds, carriage returns, ESC[nA/ESC[nB, ESC[2K.
 */
export function screen(text: string): string {
  const rows: string[] = [''];
  let r = 0;
  let c = 0;
  const put = (ch: string) => {
    const row = rows[r] ?? '';
    rows[r] = row.padEnd(c).slice(0, c) + ch + row.slice(c + 1);
    c++;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\x1b') {
      const m = /^\x1b\[(\d*)([ABK])/.exec(text.slice(i));
      if (!m) throw new Error(`unexpected escape at ${i}: ${JSON.stringify(text.slice(i, i + 8))}`);
      const n = Number(m[1] || '1');
      if (m[2] === 'A') r = Math.max(0, r - n);
      else if (m[2] === 'B') r += n;
      else rows[r] = '';
      while (rows.length <= r) rows.push('');
      i += m[0].length - 1;
    } else if (ch === '\r') c = 0;
    else if (ch === '\n') {
      r++;
      c = 0;
      while (rows.length <= r) rows.push('');
    } else put(ch);
  }
  return rows.join('\n');
}
