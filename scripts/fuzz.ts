/**
 * The long fuzz run of issue 13 (not part of `npm test`, which keeps a smaller fast-check run in
 * engine/tests/invariants.test.ts): `npm run fuzz [-- --lines 100000 --seed 1]`.
 *
 * Random docker lines, junk and shell constructs (the hostile ones included) go through labs of
 * two hosts, 250 lines a lab. Every line gets Ctrl-C after one second of wall time, as a learner
 * would press it. Counted: exceptions (a throw out of run(), or the engine's own "sim: internal
 * error"), invariant breaks (topology() throws; a snapshot does not restore; `docker ps -a` and
 * `docker network ls` differ after the restore), lines that needed the Ctrl-C, and lines still
 * running 200 ms after it. Prints the counts and ends in one JSON line; exits 1 if any count is not zero.
 */
import fc from 'fast-check';
import { createLab, restoreLab, type Lab, type Session } from '../engine/index';
import { dockerLine, junkLine, shellLine } from '../engine/tests/fuzz-lines';

const PER_LAB = 250;
const CTRL_C_AFTER_MS = 1000;

function argOf(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

interface Counts {
  lines: number;
  exceptions: number;
  invariantBreaks: number;
  /** Ran past one second, so Ctrl-C was pressed (endless loops, pings without -c). */
  overOneSecond: number;
  /** Still running 200 ms after Ctrl-C: the failure issue 13 rules out. */
  lateAfterCtrlC: number;
  slowestMs: number;
  examples: string[];
}

async function runLine(s: Session, line: string, counts: Counts): Promise<void> {
  const ctrlC = new AbortController();
  const timer = setTimeout(() => ctrlC.abort(), CTRL_C_AFTER_MS);
  const t0 = performance.now();
  try {
    const r = await s.run(line, { signal: ctrlC.signal });
    if (r.output.includes('sim: internal error')) {
      counts.exceptions++;
      if (counts.examples.length < 10) counts.examples.push(`internal error: ${JSON.stringify(line)}`);
    }
  } catch (e) {
    counts.exceptions++;
    if (counts.examples.length < 10) counts.examples.push(`throw ${e instanceof Error ? e.message : String(e)}: ${JSON.stringify(line)}`);
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - t0;
  counts.slowestMs = Math.max(counts.slowestMs, ms);
  if (ms > CTRL_C_AFTER_MS) counts.overOneSecond++;
  // A line may use its second before Ctrl-C; what counts is that Ctrl-C ends it within 200 ms.
  if (ms > CTRL_C_AFTER_MS + 200) {
    counts.lateAfterCtrlC++;
    if (counts.examples.length < 10) counts.examples.push(`${ms.toFixed(0)} ms: ${JSON.stringify(line)}`);
  }
}

async function checkLab(lab: Lab, counts: Counts): Promise<void> {
  try {
    lab.topology();
    const before = lab.openSession();
    // Ages ("5 seconds ago", "Up 5 seconds") move with the clock, which the views themselves advance,
    // and a longer age widens its column: ages masked and column gaps folded.
    const ageless = (text: string) => text.replace(/\b(?:About an?|Less than a|\d+) (?:second|minute|hour|day)s?\b/g, 'AGE').replace(/ {2,}/g, '  ');
    const views = async (s: Session) => ageless([(await s.run('docker ps -a')).output, (await s.run('docker network ls')).output].join('\n'));
    const want = await views(before);
    const restored = await restoreLab(JSON.stringify(lab.snapshot()));
    if (!restored.ok) throw new Error(`restore refused: ${restored.error}`);
    const got = await views(restored.lab.openSession());
    if (got !== want) {
      const a = want.split('\n');
      const b = got.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      throw new Error(`docker ps -a / network ls differ after restore: ${JSON.stringify(a[i])} became ${JSON.stringify(b[i])}`);
    }
  } catch (e) {
    counts.invariantBreaks++;
    const text = `invariant: ${e instanceof Error ? e.message : String(e)}`;
    console.log(`  ${text}`);
    if (counts.examples.length < 10) counts.examples.push(text);
  }
}

async function main(): Promise<void> {
  const total = argOf('lines', 100_000);
  const seed = argOf('seed', 1);
  const lines = fc.sample(fc.oneof({ arbitrary: dockerLine, weight: 5 }, { arbitrary: junkLine, weight: 3 }, { arbitrary: shellLine, weight: 2 }), { numRuns: total, seed });
  const counts: Counts = { lines: 0, exceptions: 0, invariantBreaks: 0, overOneSecond: 0, lateAfterCtrlC: 0, slowestMs: 0, examples: [] };
  const started = performance.now();
  for (let at = 0; at < lines.length; at += PER_LAB) {
    const lab = createLab({ hosts: ['host1', 'host2'], seed: seed + at });
    const sessions = [lab.openSession('host1'), lab.openSession('host2')];
    const batch = lines.slice(at, at + PER_LAB);
    for (let k = 0; k < batch.length; k++) {
      await runLine(sessions[k % 7 === 6 ? 1 : 0]!, batch[k]!, counts);
      counts.lines++;
    }
    await checkLab(lab, counts);
    if ((at / PER_LAB) % 40 === 39) console.log(`${counts.lines} lines, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const seconds = +((performance.now() - started) / 1000).toFixed(1);
  for (const e of counts.examples) console.log(`  ${e}`);
  console.log(
    `fuzz: ${counts.lines} lines in ${seconds} s: ${counts.exceptions} exceptions, ${counts.invariantBreaks} invariant breaks, ${counts.overOneSecond} lines stopped by Ctrl-C after 1 s, ${counts.lateAfterCtrlC} still running 200 ms after it (slowest ${counts.slowestMs.toFixed(0)} ms)`,
  );
  console.log(JSON.stringify({ lines: counts.lines, seconds, exceptions: counts.exceptions, invariantBreaks: counts.invariantBreaks, overOneSecond: counts.overOneSecond, lateAfterCtrlC: counts.lateAfterCtrlC, slowestMs: +counts.slowestMs.toFixed(1) }));
  process.exitCode = counts.exceptions + counts.invariantBreaks + counts.lateAfterCtrlC > 0 ? 1 : 0;
}

void main();
