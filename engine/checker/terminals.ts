import { crit, type Graded } from './criteria';
import type { TerminalGoal } from './goal';

/** A terminal session as the lab reports it to the checker: plain data, no shell. */
export interface TerminalState {
  /** The host the terminal was opened on (its tab). */
  host: string;
  /** When it last ran a line, in the lab's order of lines (0: never). */
  lastLine: number;
  /** Where it is now: its host (after `ssh laptop`, laptop) and the container shell it is in. */
  at: { host: string; container: string | null };
  prompt: string;
}

/**
 * `terminals: [{ host, at }]`: the terminal of that host the learner typed in last is at its host's
 * prompt (`at: host`) or inside the named container's shell. A terminal never typed in is at its host.
 */
export function checkTerminal(terminals: readonly TerminalState[], g: TerminalGoal, hosts: readonly string[]): Graded {
  const host = g.host ?? hosts[0]!;
  const id = `terminals.${host}`;
  const atHost = g.at === 'host';
  const label = atHost ? `the ${host} terminal is back at ${host}'s prompt` : `the ${host} terminal is inside ${g.at}`;
  if (!hosts.includes(host)) return crit(id, label, false, `there is no host ${host} in this lab`);
  const mine = terminals.filter((t) => t.host === host).sort((a, b) => b.lastLine - a.lastLine);
  const t = mine[0] ?? { host, lastLine: 0, at: { host, container: null }, prompt: `root@${host}:~# ` };
  const where = t.at.container ? `inside ${t.at.container}${t.at.host !== host ? ` on ${t.at.host}` : ''}` : t.at.host !== host ? `on ${t.at.host} (over ssh)` : `at ${host}'s prompt`;
  const shown = `the ${host} terminal is ${where} (prompt ${t.prompt.trim()})`;
  const pass = atHost ? t.at.container === null && t.at.host === host : t.at.container === g.at;
  return crit(id, label, pass, shown);
}
