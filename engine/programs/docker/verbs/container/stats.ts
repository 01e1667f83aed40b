import type { DaemonApi, StatsSample } from '../../../../docker/api';
import type { ContainerRec } from '../../../../docker/types';
import type { Proc } from '../../../../shell/types';
import { bytesSize, formatGoFloat, humanSize } from '../../../../util/humanize';
import { args, defineVerb, flag } from '../../cli/verb';
import { formatRows, isRunning } from '../../lib/common';
import { FORMAT_HELP } from '../../lib/format-help';

const TABLE = '{{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';
const HEADERS = {
  Container: 'CONTAINER',
  Name: 'NAME',
  ID: 'CONTAINER ID',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};

/** The row of formatter_stats.go's statsContext for one sample. */
function row(s: StatsSample, container: string, trunc: boolean): Record<string, unknown> {
  const pct = (v: number) => `${formatGoFloat(v, 'f', 2)}%`;
  return {
    Container: container,
    Name: s.name,
    ID: trunc ? s.id.slice(0, 12) : s.id,
    CPUPerc: pct(s.cpuPercent),
    MemUsage: `${bytesSize(s.memory)} / ${bytesSize(s.memoryLimit)}`,
    MemPerc: pct(s.memoryLimit ? (s.memory / s.memoryLimit) * 100 : 0),
    NetIO: `${humanSize(s.netRx)} / ${humanSize(s.netTx)}`,
    BlockIO: `${humanSize(s.blockRead)} / ${humanSize(s.blockWrite)}`,
    PIDs: String(s.pids),
  };
}

/**
 * The containers a frame shows: the named ones (.Container is the name as typed), or without
 * names those running, or all with -a, newest first (.Container is then the ID).
 */
function watched(d: DaemonApi, named: { c: ContainerRec; as: string }[] | null, all: boolean): { c: ContainerRec; as: string }[] {
  if (named) {
    const present = new Set(d.containers());
    return named.filter(({ c }) => present.has(c));
  }
  return d
    .containers()
    .filter((c) => all || isRunning(c))
    .sort((a, b) => b.created - a.created)
    .map((c) => ({ c, as: c.id }));
}

function frame(p: Proc, d: DaemonApi, list: { c: ContainerRec; as: string }[], format: string, trunc: boolean): string | null {
  const r = formatRows(format, list.map(({ c, as }) => row(d.containerStats(c), as, trunc)), HEADERS, TABLE);
  if (r.ok) return r.text;
  p.err(`${r.error}\n`);
  return null;
}

/**
 * docker/cli@v28.5.2 cli/command/container/stats.go: with --no-stream one table; otherwise the
 * CLI redraws every 500 ms (cursor home, the table, then each line again followed by "erase to
 * end of line", then "erase below") until Ctrl-C. Here the redraws run on lab time.
 */
export const stats = defineVerb({
  path: 'container stats',
  shortcut: 'stats',
  use: '[OPTIONS] [CONTAINER...]',
  short: 'Display a live stream of container(s) resource usage statistics',
  flags: {
    all: flag.bool('all', 'Show all containers (default shows just running)', { short: 'a' }),
    format: flag.string('format', FORMAT_HELP),
    noStream: flag.bool('no-stream', 'Disable streaming stats and only pull the first result'),
    noTrunc: flag.bool('no-trunc', 'Do not truncate output'),
  },
  args: args.atLeast(0),
  completes: ['container'],
  async run({ p, d, opts, args: refs }) {
    let named: { c: ContainerRec; as: string }[] | null = null;
    if (refs.length > 0) {
      named = [];
      const errors: string[] = [];
      for (const ref of refs) {
        const found = d.container(ref);
        if (found.ok) named.push({ c: found.value, as: ref });
        else errors.push(`Error response from daemon: ${found.error}`);
      }
      if (errors.length) {
        p.err(errors.map((e) => `${e}\n`).join(''));
        return 1;
      }
    }
    const trunc = !opts.noTrunc;
    if (opts.noStream) {
      const text = frame(p, d, watched(d, named, opts.all), opts.format, trunc);
      if (text === null) return 1;
      p.out(text);
      return 0;
    }
    for (;;) {
      const list = watched(d, named, opts.all);
      const text = frame(p, d, list, opts.format, trunc);
      if (text === null) return 1;
      const first = `\x1b[H${text}`;
      p.out(first + first.split('\n').map((l) => `${l} \x1b[K\n`).join('') + '\x1b[J');
      if (named && list.length === 0) return 0;
      if (!(await p.rt.sleep(500, p.signal))) {
        p.out('^C\n');
        return 130;
      }
    }
  },
});
