/**
 * Differential check of the lab's shell interpreter against the real shells on this machine:
 * each case runs under `bash -c`, `sh -c` (dash) and `busybox sh -c`, and through the interpreter
 * with the test machine of engine/shell/interp/testkit.ts; differences are printed.
 *
 *   npx tsx scripts/shell/diff.ts [cases-file] [bash,dash,busybox]
 *
 * Needs bash, dash and busybox installed (`apt-get install busybox`). Cases are separated by a
 * line `===`. Programs the test machine fakes (tr, grep, head, printf) differ from the real ones
 * in flags and error texts; such differences are expected.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { sh } from '../../engine/shell/interp/testkit';

type Kind = 'bash' | 'dash' | 'busybox';
const COMMANDS: Record<Kind, string[]> = { bash: ['bash', '-c'], dash: ['sh', '-c'], busybox: ['busybox', 'sh', '-c'] };
const WORK = '/tmp/difft';

function real(kind: Kind, script: string): string {
  const [bin, ...args] = COMMANDS[kind];
  const r = spawnSync(bin!, [...args, script], { cwd: WORK, env: { ...process.env, HOME: '/root', PATH: '/usr/bin:/bin' }, encoding: 'utf8', timeout: 3000 });
  return `${r.stdout}${r.stderr}[rc=${r.status}]`;
}

mkdirSync(WORK, { recursive: true });
const file = process.argv[2] ?? new URL('./diff-cases.txt', import.meta.url).pathname;
const kinds = (process.argv[3] ?? 'bash,dash,busybox').split(',') as Kind[];
const cases = readFileSync(file, 'utf8').split('\n===\n').map((c) => c.replace(/\n+$/, '')).filter(Boolean);
let differences = 0;
for (const c of cases) {
  for (const kind of kinds) {
    const want = real(kind, c);
    const r = await sh(c, { shell: kind });
    const got = `${r.out}${r.err}[rc=${r.status}]`;
    if (got === want) continue;
    differences++;
    console.log(`--- ${kind}: ${JSON.stringify(c)}\n want: ${JSON.stringify(want)}\n got:  ${JSON.stringify(got)}`);
  }
}
console.log(`${differences} differences in ${cases.length * kinds.length} runs`);
