import type { CommandSpec } from './flags';
import { shownFor, type SwarmNeed, type SwarmStatus } from './swarm-status';
import type { Verb } from './verb';

/**
 * The docker command tree, built from the verb definitions and the management groups, the way
 * cobra sees docker/cli's commands: names and aliases per parent, the top-level shortcuts
 * (`docker ps` for `docker container ls`), and what every listing and usage line shows.
 */

/** A management command (`docker network …`) or a CLI plugin such as `compose`. */
export interface Group {
  name: string;
  short: string;
  section: 'management' | 'swarm';
  /** A CLI plugin: listed as "compose*". */
  plugin?: boolean;
  /** Never listed in `docker --help` (experimental ones). */
  hidden?: boolean;
  swarm?: SwarmNeed;
  /** The lab has none of its subcommands: any use prints this line (a `sim:` line, or the daemon's own refusal). */
  answer?: string | ((status: SwarmStatus | null) => string);
}

export function groupShown(g: Group, status: SwarmStatus | null): boolean {
  return !g.hidden && shownFor(g.swarm, status);
}

export function verbShown(v: Verb, status: SwarmStatus | null): boolean {
  return !v.hidden && shownFor(v.swarm, status);
}

export type RootEntry = { kind: 'verb'; verb: Verb; path: string } | { kind: 'group'; group: Group };

/** cobra's minNamePadding: names in listings are padded to at least 11 columns. */
const MIN_NAME_PADDING = 11;

export class CommandTree {
  private readonly root = new Map<string, RootEntry>();
  private readonly subs = new Map<string, Map<string, Verb>>();
  private readonly specs = new Map<string, CommandSpec>();
  readonly groups: readonly Group[];
  readonly verbs: readonly Verb[];

  constructor(verbs: readonly Verb[], groups: readonly Group[]) {
    this.verbs = verbs;
    this.groups = groups;
    for (const g of groups) {
      this.root.set(g.name, { kind: 'group', group: g });
      this.subs.set(g.name, new Map());
    }
    for (const v of verbs) {
      const [first, second] = v.path.split(' ') as [string, string | undefined];
      if (second === undefined) this.addRoot(first, { kind: 'verb', verb: v, path: `docker ${first}` });
      else {
        const table = this.subs.get(first);
        if (!table) throw new Error(`verb ${v.path}: no group ${first}`);
        for (const name of [second, ...v.aliases]) {
          if (table.has(name)) throw new Error(`docker ${first} ${name} is defined twice`);
          table.set(name, v);
        }
      }
      if (v.shortcut) this.addRoot(v.shortcut, { kind: 'verb', verb: v, path: `docker ${v.shortcut}` });
    }
  }

  private addRoot(name: string, entry: RootEntry): void {
    if (this.root.has(name)) throw new Error(`docker ${name} is defined twice`);
    this.root.set(name, entry);
  }

  top(name: string): RootEntry | undefined {
    return this.root.get(name);
  }

  /** A verb of a group by any of its names; its path as docker prints it uses the canonical name. */
  sub(group: string, name: string): { verb: Verb; path: string } | undefined {
    const v = this.subs.get(group)?.get(name);
    return v ? { verb: v, path: `docker ${v.path}` } : undefined;
  }

  /** The verbs of a group, once each, by canonical name. */
  groupVerbs(group: string): Verb[] {
    return [...new Set(this.subs.get(group)?.values() ?? [])].sort((a, b) => cmp(a.path, b.path));
  }

  /** The CommandSpec the flag parser and renderHelp work from, for the verb as invoked at `path`. */
  spec(verb: Verb, path: string): CommandSpec {
    const key = `${verb.path}|${path}`;
    let spec = this.specs.get(key);
    if (!spec) this.specs.set(key, (spec = this.buildSpec(verb, path)));
    return spec;
  }

  private buildSpec(verb: Verb, path: string): CommandSpec {
    return {
      path,
      usage: verb.use ? `${path} ${verb.use}` : path,
      description: verb.long ?? verb.short,
      flags: Object.values(verb.flags).map((f) => f.spec),
      interspersed: verb.interspersed,
      args: verb.args,
      aliasLine: aliasLine(verb),
      example: verb.example,
    };
  }

  /** `docker COMMAND --help` for a management command (docker/cli@v28.5.2 cli/cobra.go usageTemplate). */
  groupHelp(group: Group, status: SwarmStatus | null = null): string {
    const verbs = this.groupVerbs(group.name).filter((v) => verbShown(v, status));
    const lines = listing(verbs.map((v) => [v.path.split(' ')[1]!, v.short]));
    return `Usage:  docker ${group.name} COMMAND\n\n${group.short}\n\nCommands:\n${lines}\nRun 'docker ${group.name} COMMAND --help' for more information on a command.\n`;
  }

  /** `docker --help`: the sections cobra's root template prints, then the global options. */
  rootHelp(globalOptions: string, status: SwarmStatus | null = null): string {
    const entries = [...this.root.entries()].sort(([a], [b]) => cmp(a, b));
    const common: [string, string, number][] = [];
    const management: [string, string][] = [];
    const swarm: [string, string][] = [];
    const commands: [string, string][] = [];
    for (const [name, e] of entries) {
      if (e.kind === 'group') {
        if (!groupShown(e.group, status)) continue;
        (e.group.section === 'swarm' ? swarm : management).push([e.group.plugin ? `${name}*` : name, e.group.short]);
      } else if (verbShown(e.verb, status)) {
        // category-top belongs to the top-level command, whichever name reaches it.
        const top = e.verb.path === name || e.verb.shortcut === name ? e.verb.top : undefined;
        if (top !== undefined) common.push([name, e.verb.short, top]);
        else commands.push([name, e.verb.short]);
      }
    }
    // sort.SliceStable on the category number; equal ones keep cobra's alphabetical order.
    common.sort((a, b) => a[2] - b[2]);
    let out = 'Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n';
    out += `\nCommon Commands:\n${listing(common.map(([n, s]) => [n, s]))}`;
    out += `\nManagement Commands:\n${listing(management)}`;
    if (swarm.length) out += `\nSwarm Commands:\n${listing(swarm)}`;
    out += `\nCommands:\n${listing(commands)}`;
    out += `\nGlobal Options:\n${globalOptions.trimEnd()}\n`;
    out += "\nRun 'docker COMMAND --help' for more information on a command.\n";
    out += '\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n';
    return out;
  }

  /** Names tab completion offers after `docker` (listed commands, not hidden ones). */
  rootNames(status: SwarmStatus | null = null): string[] {
    return [...this.root.entries()]
      .filter(([, e]) => (e.kind === 'group' ? groupShown(e.group, status) : verbShown(e.verb, status)))
      .map(([n]) => n)
      .sort(cmp);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** cobra's commandAliases: the annotation, or the path followed by each alias under the same parent. */
function aliasLine(verb: Verb): string | undefined {
  if (verb.aliasLine !== undefined) return verb.aliasLine;
  if (verb.aliases.length === 0 && !verb.shortcut) return undefined;
  const [first, second] = verb.path.split(' ');
  const parent = second === undefined ? 'docker' : `docker ${first}`;
  const names = [`docker ${verb.path}`, ...verb.aliases.map((a) => `${parent} ${a}`)];
  if (verb.shortcut) names.push(`docker ${verb.shortcut}`);
  return names.join(', ');
}

/** "  name        Short description" lines, names padded as cobra's rpad(Name, NamePadding) + " ". */
function listing(rows: readonly (readonly [string, string])[]): string {
  const pad = Math.max(MIN_NAME_PADDING, ...rows.map(([n]) => n.length));
  return rows.map(([n, s]) => `  ${n.padEnd(pad)} ${s}\n`).join('');
}
