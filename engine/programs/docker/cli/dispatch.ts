import { daemonOf, type Proc } from '../../../shell/types';
import { requireDocker } from '../lib/common';
import { parseCommandLine, type CommandSpec, type FlagSpec } from './flags';
import { swarmStatusOf, type SwarmStatus } from './swarm-status';
import type { CommandTree, Group } from './tree';
import { flagUsages, renderHelp } from './usage';
import type { Flag, Verb } from './verb';

/**
 * Runs a docker command line the way cobra runs docker/cli's tree (docker/cli@v28.5.2
 * cmd/docker/docker.go, cli/cobra.go, cli/required.go): global flags up to the first word, then
 * the command by name or alias, `--help` anywhere, and docker's own error texts and exit codes.
 */

import { ENGINE_VERSION } from '../lib/version';

/** docker/cli@v28.5.2 cli/flags/options.go InstallFlags, plus the root's --version. */
const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'config', kind: 'string', default: '/root/.docker', description: 'Location of client config files' },
  { name: 'context', short: 'c', kind: 'string', description: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")' },
  { name: 'debug', short: 'D', kind: 'bool', description: 'Enable debug mode' },
  { name: 'host', short: 'H', kind: 'stringArray', valueName: 'list', description: 'Daemon socket to connect to' },
  { name: 'log-level', short: 'l', kind: 'string', default: 'info', description: 'Set the logging level ("debug", "info", "warn", "error", "fatal")' },
  { name: 'tls', kind: 'bool', description: 'Use TLS; implied by --tlsverify' },
  { name: 'tlscacert', kind: 'string', default: '/root/.docker/ca.pem', description: 'Trust certs signed only by this CA' },
  { name: 'tlscert', kind: 'string', default: '/root/.docker/cert.pem', description: 'Path to TLS certificate file' },
  { name: 'tlskey', kind: 'string', default: '/root/.docker/key.pem', description: 'Path to TLS key file' },
  { name: 'tlsverify', kind: 'bool', description: 'Use TLS and verify the remote' },
  { name: 'version', short: 'v', kind: 'bool', description: 'Print version information and quit' },
];

const ROOT: CommandSpec = {
  path: 'docker',
  usage: 'docker [OPTIONS] COMMAND [ARG...]',
  description: 'A self-sufficient runtime for containers',
  flags: GLOBAL_FLAGS,
  interspersed: false,
  args: { min: 0, max: Infinity },
};

export function rootHelp(tree: CommandTree, status: SwarmStatus | null = null): string {
  return tree.rootHelp(flagUsages(GLOBAL_FLAGS, 79), status);
}

function statusOf(p: Proc): SwarmStatus | null {
  return swarmStatusOf(p.ctx.kind === 'host' ? daemonOf(p) : null);
}

export async function runDocker(tree: CommandTree, p: Proc): Promise<number> {
  const g = parseCommandLine(ROOT, p.argv.slice(1));
  if (!g.ok) {
    p.err(`${g.error}\n`);
    return g.exitCode;
  }
  for (const n of g.notices) p.out(`${n}\n`);
  const rest = g.args;
  if (rest.length === 0) {
    if (g.flags['version'] === true && !g.help) {
      p.out(`Docker version ${ENGINE_VERSION}, build ecc6942\n`);
      return 0;
    }
    // `docker` alone shows the usage on stderr (command.ShowHelp); `docker --help` on stdout.
    if (g.help) p.out(rootHelp(tree, statusOf(p)));
    else p.err(rootHelp(tree, statusOf(p)));
    return 0;
  }
  const [name, ...after] = rest as [string, ...string[]];
  if (name === 'help' && !g.help) return helpTopic(tree, p, after);
  const entry = tree.top(name);
  if (!entry) {
    p.err(`docker: unknown command: docker ${name}\n\nRun 'docker --help' for more information\n`);
    return 1;
  }
  const hosts = g.flags['host'];
  const daemonHost = Array.isArray(hosts) && hosts.length > 0 ? hosts[hosts.length - 1]! : (p.ctx.vars['DOCKER_HOST'] || undefined);
  if (entry.kind === 'verb') return runVerb(tree, p, entry.verb, entry.path, after, g.help, daemonHost);
  return runGroup(tree, p, entry.group, after, g.help, daemonHost);
}

/** `docker help [COMMAND…]`: that command's help on stdout. */
function helpTopic(tree: CommandTree, p: Proc, words: string[]): number {
  const [first, second, ...more] = words;
  if (first === undefined) {
    p.out(rootHelp(tree, statusOf(p)));
    return 0;
  }
  const entry = tree.top(first);
  if (entry?.kind === 'verb' && second === undefined) return printHelp(tree, p, entry.verb, entry.path);
  if (entry?.kind === 'group' && !entry.group.answer) {
    if (second === undefined) {
      p.out(tree.groupHelp(entry.group, statusOf(p)));
      return 0;
    }
    const sub = tree.sub(entry.group.name, second);
    if (sub && more.length === 0) return printHelp(tree, p, sub.verb, sub.path);
  }
  p.err(`unknown help topic: ${words.join(' ')}\n`);
  return 1;
}

function simLine(p: Proc, path: string): number {
  p.err(`sim: '${path}' is not part of this lab\n`);
  return 1;
}

function printHelp(tree: CommandTree, p: Proc, verb: Verb, path: string): number {
  if (verb.stub) return simLine(p, path);
  p.out(renderHelp(tree.spec(verb, path)));
  return 0;
}

async function runGroup(tree: CommandTree, p: Proc, group: Group, argv: string[], help: boolean, daemonHost?: string): Promise<number> {
  if (group.answer) {
    const answer = typeof group.answer === 'string' ? group.answer : group.answer(statusOf(p));
    p.err(`${answer}\n`);
    return 1;
  }
  // cobra finds the subcommand by the first word that is not a flag, and hands it the rest.
  const at = argv.findIndex((a) => !a.startsWith('-'));
  const sub = at >= 0 ? tree.sub(group.name, argv[at]!) : undefined;
  if (sub) return runVerb(tree, p, sub.verb, sub.path, [...argv.slice(0, at), ...argv.slice(at + 1)], help, daemonHost);
  const spec: CommandSpec = { path: `docker ${group.name}`, usage: `docker ${group.name}`, description: group.short, flags: [], interspersed: true, args: { min: 0, max: Infinity } };
  const r = parseCommandLine(spec, argv);
  if (!r.ok) {
    p.err(`${r.error}\n`);
    return r.exitCode;
  }
  for (const n of r.notices) p.out(`${n}\n`);
  if (r.help || help) {
    p.out(tree.groupHelp(group, statusOf(p)));
    return 0;
  }
  if (r.args.length > 0) {
    p.err(`docker: unknown command: docker ${group.name} ${r.args[0]}\n\nUsage:  docker ${group.name}\n\nRun 'docker ${group.name} --help' for more information\n`);
    return 1;
  }
  p.err(tree.groupHelp(group, statusOf(p)));
  return 0;
}

async function runVerb(tree: CommandTree, p: Proc, verb: Verb, path: string, argv: string[], help: boolean, daemonHost?: string): Promise<number> {
  if (verb.stub) return simLine(p, path);
  const spec = tree.spec(verb, path);
  const r = parseCommandLine(spec, argv);
  if (!r.ok) {
    p.err(`${r.error}\n`);
    return r.exitCode;
  }
  for (const n of r.notices) p.out(`${n}\n`);
  if (r.help || help) {
    p.out(renderHelp(spec));
    return 0;
  }
  const d = requireDocker(p, daemonHost);
  if (!d) return 1;
  const { defaults, keyOf, nameOf } = flagTable(verb);
  // The ones given on the line over every flag's default, read through the prototype: run has a
  // hundred flags and a line sets a few, so copying the defaults would be most of the work.
  const opts = Object.create(defaults) as Record<string, unknown>;
  const givenKeys: string[] = [];
  for (const name of r.given) {
    const key = keyOf.get(name);
    if (key === undefined) continue;
    opts[key] = verb.flags[key]!.read(r.flags[name]);
    givenKeys.push(key);
  }
  return verb.run({ p, d, opts, args: r.args, changed: (key) => r.given.has(nameOf.get(key) ?? key), cmd: path, nflags: r.given.size, givenKeys, help: () => renderHelp(spec) });
}

interface FlagTable {
  defaults: Record<string, unknown>;
  /** flag name → key in the verb's flag set, and back. */
  keyOf: Map<string, string>;
  nameOf: Map<string, string>;
}

const flagTables = new WeakMap<Verb, FlagTable>();

function flagTable(verb: Verb): FlagTable {
  let t = flagTables.get(verb);
  if (!t) {
    const entries = Object.entries(verb.flags) as [string, Flag<unknown>][];
    t = {
      // Frozen: the same default list is handed to every call.
      defaults: Object.fromEntries(entries.map(([k, f]) => [k, Object.freeze(f.read(f.spec.default))])),
      keyOf: new Map(entries.map(([k, f]) => [f.spec.name, k])),
      nameOf: new Map(entries.map(([k, f]) => [k, f.spec.name])),
    };
    flagTables.set(verb, t);
  }
  return t;
}
