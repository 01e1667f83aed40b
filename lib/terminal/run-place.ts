/**
 * Where a lesson's Run block is meant to run. Blocks are read in page order, following the
 * commands that move the terminal: `docker run -it IMAGE` (without -d), `docker exec -it C sh`,
 * `docker attach C` and `docker start -ai C` enter a container shell, `ssh HOST` another host,
 * `exit` leaves the innermost, each in the terminal tab of the host the block names (`host=`, else
 * the lab's first). A block is labelled with the place it starts in, so the page can
 * say "on host1" or "in container c1 on host1", and warn when the terminal is somewhere else.
 * Pure data, shared by the build (which bakes each block's place into the page) and tests.
 */
import { parse } from 'shell-quote';

import type { RunPlace } from './describe-place';

export { describePlace, type RunPlace } from './describe-place';

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash']);
/** `docker run` / `docker exec` flags that take a value as the next word. */
const VALUE_FLAGS = new Set([
  '--name', '--net', '--network', '-p', '--publish', '-e', '--env', '-v', '--volume', '--ip', '-h', '--hostname',
  '--network-alias', '--net-alias', '--alias', '--link', '--dns', '--entrypoint', '-w', '--workdir', '-u', '--user',
  '-l', '--label', '--restart', '--add-host', '--mount', '--cpus', '-m', '--memory', '--mac-address', '--ip6',
  '--dns-search', '--dns-option', '--cap-add', '--cap-drop', '--env-file', '--expose', '--pull', '--platform',
  '--sysctl', '--ulimit', '--log-driver', '--log-opt', '--stop-signal', '--stop-timeout', '--health-cmd', '--detach-keys',
]);

function words(line: string): string[] {
  try {
    return parse(line).filter((w): w is string => typeof w === 'string');
  } catch {
    return line.split(/\s+/).filter(Boolean);
  }
}

interface Parsed {
  flags: Set<string>;
  values: Map<string, string>;
  rest: string[];
}

/** Flags (short ones split: -itd is -i -t -d) and the words after them. */
function parseFlags(args: string[]): Parsed {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-') || arg === '-') break;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (eq >= 0) values.set(name, arg.slice(eq + 1));
      else if (VALUE_FLAGS.has(name)) values.set(name, args[++i] ?? '');
      else flags.add(name);
      continue;
    }
    if (VALUE_FLAGS.has(arg)) {
      values.set(arg, args[++i] ?? '');
      continue;
    }
    for (const ch of arg.slice(1)) flags.add(`-${ch}`);
  }
  return { flags, values, rest: args.slice(i) };
}

const interactive = (p: Parsed) => (p.flags.has('-i') || p.flags.has('--interactive')) && (p.flags.has('-t') || p.flags.has('--tty'));
const staysInShell = (command: string[]) => command.length === 0 || (command.length === 1 && SHELLS.has(command[0] as string));

/** The places after one command line, given the stack before it (innermost last). */
export function placesAfter(stack: readonly RunPlace[], line: string): RunPlace[] {
  const here = stack[stack.length - 1];
  if (!here) return [...stack];
  const argv = words(line.trim());
  const [command, sub, ...args] = argv;
  if (command === 'exit' || command === 'logout') return stack.length > 1 ? stack.slice(0, -1) : [...stack];
  if (command === 'ssh' && sub && argv.length === 2 && here.container === null) {
    return [...stack, { host: sub.replace(/^.*@/, ''), container: null }];
  }
  if (command !== 'docker' || here.container !== null) return [...stack];
  const parsed = parseFlags(args);
  if (sub === 'run' && interactive(parsed) && !parsed.flags.has('-d') && !parsed.flags.has('--detach')) {
    const [image, ...cmd] = parsed.rest;
    if (image && staysInShell(cmd)) {
      return [...stack, { host: here.host, container: { name: parsed.values.get('--name') ?? null, image } }];
    }
  }
  if (sub === 'exec' && interactive(parsed)) {
    const [name, ...cmd] = parsed.rest;
    if (name && cmd.length === 1 && SHELLS.has(cmd[0] as string)) return [...stack, { host: here.host, container: { name, image: null } }];
  }
  if (sub === 'attach' && parsed.rest[0]) return [...stack, { host: here.host, container: { name: parsed.rest[0], image: null } }];
  if (sub === 'start' && (parsed.flags.has('-a') || parsed.flags.has('--attach')) && (parsed.flags.has('-i') || parsed.flags.has('--interactive')) && parsed.rest[0]) {
    return [...stack, { host: here.host, container: { name: parsed.rest[0], image: null } }];
  }
  return [...stack];
}

/**
 * Follows a page's Run blocks in order; `next(lines, tab)` is where that block starts. Each host's
 * terminal tab has its own place: a block with `host=host2` continues where host2's tab was left,
 * and a block without one (tab: the lab's first host) where the first tab was.
 */
export function createRunPlaceTracker(firstHost: string) {
  const stacks = new Map<string, RunPlace[]>();
  return {
    next(lines: readonly string[], tab: string = firstHost): RunPlace {
      let stack = stacks.get(tab) ?? [{ host: tab, container: null }];
      const start = stack[stack.length - 1] as RunPlace;
      for (const line of lines) stack = placesAfter(stack, line);
      stacks.set(tab, stack);
      return start;
    },
  };
}
