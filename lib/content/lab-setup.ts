/**
 * Setup lines (a lesson's `lab.setup`, an exercise's `setup`): "cmd" runs on the lab's first host,
 * "host2$ cmd" on host2. Client-safe (the browser runs the setup when it starts a fresh lab).
 */

export interface SetupStep {
  host: string;
  command: string;
}

const HOST_PREFIX = /^([a-z][a-z0-9-]{0,30})\$\s+(.+)$/;

export function parseSetupLines(lines: readonly string[], hosts: readonly string[]): SetupStep[] {
  const firstHost = hosts[0] ?? 'host1';
  return lines.map((line) => {
    const match = HOST_PREFIX.exec(line.trim());
    if (match && match[1] !== undefined && match[2] !== undefined && hosts.includes(match[1])) {
      return { host: match[1], command: match[2] };
    }
    return { host: firstHost, command: line.trim() };
  });
}

/** Setup lines that name a host the lab does not have, by index. */
export function setupHostProblems(lines: readonly string[], hosts: readonly string[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  lines.forEach((line, index) => {
    const match = HOST_PREFIX.exec(line.trim());
    if (match && match[1] !== undefined && !hosts.includes(match[1])) {
      problems.push({ index, message: `host "${match[1]}" is not one of the lab's hosts (${hosts.join(', ')})` });
    }
  });
  return problems;
}

export interface HostRun {
  host: string;
  commands: string[];
}

/**
 * Lines in the setup form ("cmd", "host2$ cmd") as runs of consecutive lines on one host, in order:
 * an exercise's solution shown as one Run block per run, each typed into its host's tab.
 */
export function hostRuns(lines: readonly string[], hosts: readonly string[]): HostRun[] {
  const runs: HostRun[] = [];
  for (const step of parseSetupLines(lines, hosts)) {
    const last = runs.at(-1);
    if (last && last.host === step.host) last.commands.push(step.command);
    else runs.push({ host: step.host, commands: [step.command] });
  }
  return runs;
}
