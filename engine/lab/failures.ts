/**
 * Which failed command lines the lab remembers for feedback ("`docker run` failed: unknown flag:
 * --alias"), how it names them, and the error it quotes. Only commands meant to change the lab
 * count: a `ping` that gets no answer or a `docker ps` typo explains nothing about the lab's state.
 */

/** docker's management commands: the verb is the next word ("docker network create"). */
const DOCKER_GROUPS = new Set(['builder', 'buildx', 'compose', 'config', 'container', 'context', 'image', 'manifest', 'network', 'node', 'plugin', 'secret', 'service', 'stack', 'swarm', 'system', 'trust', 'volume']);

/** docker verbs that only read (or run something inside a container, whose failure is that program's). */
const DOCKER_LOOKS = new Set([
  'attach', 'df', 'diff', 'events', 'exec', 'help', 'history', 'images', 'info', 'inspect', 'join-token', 'list', 'logs', 'ls', 'port', 'ps', 'search', 'stats', 'top', 'version', 'wait',
]);

/** Programs that look, ask or move the terminal elsewhere rather than change the lab. */
const LOOKS = new Set([
  'arp', 'awk', 'cat', 'cd', 'clear', 'cut', 'date', 'dig', 'echo', 'env', 'exit', 'false', 'find', 'getent', 'grep', 'egrep', 'head', 'help', 'history', 'host', 'hostname', 'id',
  'less', 'ls', 'man', 'more', 'mtr', 'nc', 'netstat', 'nslookup', 'ping', 'printenv', 'printf', 'ps', 'pwd', 'route', 'sleep', 'sort', 'ss', 'ssh', 'tail', 'tcpdump', 'telnet', 'test',
  'top', 'tracepath', 'traceroute', 'true', 'type', 'uname', 'uniq', 'wc', 'which', 'whoami', 'curl', 'wget', 'nmap', 'iperf3', 'ethtool', 'brctl', 'bridge',
]);

/** `ip` objects' actions that change something; everything else (`ip a`, `ip route`, `ip neigh show`) reads. */
const IP_CHANGES = /^(add|del|delete|change|chg|replace|set|flush|append|prepend|exec|attach|detach)$/;

function segments(line: string): string[][] {
  return line
    .split(/&&|\|\||;|\|/)
    .map((s) => s.trim().split(/\s+/).filter(Boolean))
    .map((words) => {
      let i = 0;
      while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
      if (words[i] === 'sudo') i++;
      return words.slice(i).map((w) => w.replace(/^['"]|['"]$/g, ''));
    })
    .filter((words) => words.length > 0);
}

interface Named {
  command: string;
  changes: boolean;
  /** What it acts on: `--name`'s value for `docker run/create`, else its last word that is not an option. */
  subject: string;
}

function subjectOf(words: string[]): string {
  const i = words.findIndex((w) => w === '--name' || w.startsWith('--name='));
  if (i >= 0) return words[i]!.startsWith('--name=') ? words[i]!.slice(7) : (words[i + 1] ?? '');
  return [...words.slice(1)].reverse().find((w) => !w.startsWith('-')) ?? '';
}

function nameOf(words: string[]): Named {
  return { ...kindOf(words), subject: subjectOf(words) };
}

function kindOf(words: string[]): Omit<Named, 'subject'> {
  const program = words[0]!.split('/').pop()!;
  const args = words.slice(1).filter((w) => !w.startsWith('-'));
  if (program === 'docker') {
    const first = args[0];
    if (!first) return { command: 'docker', changes: false };
    if (DOCKER_GROUPS.has(first) && args[1]) return { command: `docker ${first} ${args[1]}`, changes: !DOCKER_LOOKS.has(args[1]) && !(first === 'system' && args[1] === 'info') };
    return { command: `docker ${first}`, changes: !DOCKER_LOOKS.has(first) && !DOCKER_GROUPS.has(first) };
  }
  if (program === 'ip') {
    const object = args[0];
    if (!object) return { command: 'ip', changes: false };
    return { command: `ip ${object}`, changes: args.slice(1).some((a) => IP_CHANGES.test(a)) };
  }
  if (program === 'iptables') {
    const changes = words.some((w) => /^(-[AIDRNXFZPE]|--(append|insert|delete|replace|new-chain|delete-chain|flush|zero|policy|rename-chain)$)/.test(w));
    return { command: 'iptables', changes };
  }
  return { command: program, changes: !LOOKS.has(program) };
}

/** How a learner names the command of a line, and whether it was meant to change the lab. */
export function classify(line: string): Named {
  const parts = segments(line).map(nameOf);
  if (parts.length === 0) return { command: line.trim(), changes: false, subject: '' };
  const changing = parts.find((p) => p.changes);
  return changing ?? parts[0]!;
}

const NOISE = /^(Unable to find image|[0-9a-f]{12}: (Pull|Already|Waiting|Download)|Digest: |Status: |latest: Pulling|Usage:|Run '|See '|\s*$)/;

/**
 * The error of a failed line from what it wrote to stderr: the first line that is not pull
 * progress or usage text, without docker's "docker: " and "Error response from daemon: " prefixes,
 * joined with its continuation when it ends in ":" ("invalid network config:\ninvalid subnet …").
 */
export function errorOf(stderr: string): string | null {
  const lines = stderr.split('\n').map((l) => l.trimEnd());
  const i = lines.findIndex((l) => !NOISE.test(l));
  if (i < 0) return null;
  let text = lines[i]!;
  if (text.endsWith(':') && lines[i + 1] && !NOISE.test(lines[i + 1]!)) text = `${text} ${lines[i + 1]!.trim()}`;
  return text.replace(/^docker: /, '').replace(/^Error response from daemon: /, '').trim() || null;
}
