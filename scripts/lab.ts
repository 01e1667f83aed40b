/**
 * `npm run lab`: the lab's terminal in a console.
 *   --exercise <lesson>/<exercise> [--check]: start that exercise's lab (hosts, setup), run the
 *   attempt from stdin, and with --check print one line per criterion; exit 0 only if all pass.
 *   interactive (a TTY): readline with history and Ctrl-C, streaming in real time;
 *   scripted (`npm run --silent lab -- [--hosts h1,h2 | --world lab.json] [--seed N] < script.sh`): one
 *   command per line, printed as the browser terminal shows it (prompt + command, then output), exit 0.
 *   --world FILE: the lab's world as a WorldSpec in JSON (docs/world.schema.json); --hosts a,b is
 *   shorthand for {"hosts": ["a", "b"]}.
 */
import { readFile } from 'node:fs/promises';
import * as readline from 'node:readline';
import { createLab, parseWorldSpec, type Lab, type Session, type WorldSpecInput } from '../engine/index';
import { loadCourse } from '../lib/content/content-files';
import { formatProblem } from '../lib/content/problems';
import { grade, openExerciseLab, replay } from '../lib/exercises/run-exercise';
import { exerciseLabWorld } from '../lib/content/lab-world';
import { failedCommandText, reportView } from '../lib/exercises/report-groups';

interface Args {
  hosts: string[] | null;
  world: string | null;
  seed: number;
  exercise: string | null;
  check: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const out: Args = { hosts: null, world: null, seed: 1, exercise: null, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = () => {
      const eq = a.indexOf('=');
      return eq >= 0 ? a.slice(eq + 1) : argv[++i];
    };
    if (a === '--hosts' || a.startsWith('--hosts=')) out.hosts = (val() ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    else if (a === '--world' || a.startsWith('--world=')) out.world = val() ?? '';
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const n = Number(val());
      if (!Number.isInteger(n)) return 'lab: --seed takes an integer';
      out.seed = n;
    } else if (a === '--exercise' || a.startsWith('--exercise=')) out.exercise = val() ?? null;
    else if (a === '--check') out.check = true;
    else if (a === '--help' || a === '-h') return 'usage: npm run lab -- [--hosts host1,host2 | --world lab.json] [--seed N] [--exercise LESSON/EXERCISE [--check]] [< script.sh]';
    else return `lab: unknown option ${a}`;
  }
  if (out.hosts && out.world !== null) return 'lab: give --hosts or --world, not both';
  if (out.world === '') return 'lab: --world takes a JSON file';
  return out;
}

/** A WorldSpec from a JSON file, validated; a string is the error to print. */
async function loadWorld(file: string): Promise<WorldSpecInput | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return `lab: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `lab: ${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const r = parseWorldSpec(json);
  if (!r.ok) return `lab: ${file} is not a valid world:\n${r.error.replace(/^/gm, '  ')}`;
  return json as WorldSpecInput;
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** PS2: the shell waits for the rest of a command (an open quote, `for` without `done`). */
const CONTINUATION_PROMPT = '> ';

async function scripted(session: Session, input?: string): Promise<void> {
  const lines = (input ?? (await readAll())).split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  let i = 0;
  // Lines of a command still being read: a `for` loop over three lines runs once, whole.
  let continued: string[] = [];
  while (i < lines.length) {
    const line = lines[i++]!;
    process.stdout.write(`${continued.length > 0 ? CONTINUATION_PROMPT : session.prompt()}${line}\n`);
    const text = [...continued, line].join('\n');
    // The last line of the script ends the input: an unfinished command is the shell's error.
    const r = await session.run(text, {
      continuation: i < lines.length,
      onOutput: (chunk) => process.stdout.write(chunk),
      // A question (docker network prune) is answered by the script's next line, as a shell would read it.
      readLine: async () => {
        const answer = i < lines.length ? lines[i++]! : null;
        process.stdout.write(`${answer ?? ''}\n`);
        return answer;
      },
    });
    continued = r.incomplete ? [...continued, line] : [];
  }
}

async function interactive(session: Session): Promise<void> {
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    historySize: 1000,
    completer: (line: string) => {
      const c = session.complete(line);
      return [c.candidates, line.slice(c.start)];
    },
  });
  // Input keeps flowing while a command runs, so Ctrl-C reaches it; lines typed meanwhile wait.
  let running: AbortController | null = null;
  let answer: ((line: string | null) => void) | null = null;
  const queue: string[] = [];
  let continued: string[] = [];
  const prompt = () => {
    rl.setPrompt(continued.length > 0 ? CONTINUATION_PROMPT : session.prompt());
    rl.prompt();
  };
  rl.on('SIGINT', () => {
    if (running) running.abort();
    else {
      // Ctrl-C at the prompt drops the line, and a half-typed command with it.
      continued = [];
      process.stdout.write('^C\n');
      prompt();
    }
  });
  const runNext = async (): Promise<void> => {
    while (!running && queue.length > 0) {
      const line = queue.shift()!;
      running = new AbortController();
      const r = await session.run([...continued, line].join('\n'), {
        continuation: true,
        signal: running.signal,
        onOutput: (chunk) => process.stdout.write(chunk),
        readLine: (question) =>
          new Promise((resolve) => {
            process.stdout.write(question);
            answer = resolve;
          }),
      });
      running = null;
      continued = r.incomplete ? [...continued, line] : [];
      if (r.clear) process.stdout.write('\x1b[2J\x1b[H');
      prompt();
    }
  };
  rl.on('line', (line) => {
    if (answer) {
      const a = answer;
      answer = null;
      a(line);
      return;
    }
    queue.push(line);
    void runNext();
  });
  prompt();
  await new Promise<void>((resolve) => rl.on('close', resolve));
}

async function exerciseMode(args: Args): Promise<void> {
  const [slug, exId] = (args.exercise ?? '').split('/');
  const course = await loadCourse();
  const folder = course.folders.find((f) => f.dir.split('/').pop() === slug);
  if (!folder) {
    process.stderr.write(`lab: no lesson "${slug}" (lessons: ${course.folders.map((f) => f.dir.split('/').pop()).join(', ')})\n`);
    process.exit(2);
  }
  // The lab runs only on content that parses; say exactly where it does not.
  if (!folder.lesson || folder.problems.length > 0) {
    for (const p of folder.problems) process.stderr.write(`${formatProblem(p)}\n`);
    if (!folder.lesson || !folder.lesson.exercises.some((e) => e.exercise.id === exId)) process.exit(2);
  }
  const lesson = folder.lesson;
  const ex = lesson.exercises.find((e) => e.exercise.id === exId)?.exercise;
  if (!ex) {
    process.stderr.write(`lab: lesson ${slug} has no exercise "${exId}" (exercises: ${lesson.exercises.map((e) => e.exercise.id).join(', ') || 'none'})\n`);
    process.exit(2);
  }
  const x = openExerciseLab(exerciseLabWorld(lesson.frontmatter.lab, ex), { seed: args.seed });
  await replay(x, ex.setup);
  const session = x.session(x.hosts[0]!);
  await scripted(session, await readAll());
  if (!args.check) return;
  const report = grade(x, ex.goal);
  process.stdout.write(`\n${ex.title}\n`);
  const view = reportView(report);
  if (view.failedCommand) process.stdout.write(`${failedCommandText(view.failedCommand, x.hosts[0]!)}\n`);
  for (const { cause, follows } of view.failing) {
    process.stdout.write(`FAIL  ${cause.label} — ${cause.message}\n`);
    for (const c of follows) process.stdout.write(`  FAIL  ${c.label} — ${c.message} (because of the one above)\n`);
  }
  for (const c of view.passing) process.stdout.write(`PASS  ${c.label} — ${c.message}\n`);
  const passed = report.criteria.filter((c) => c.pass).length;
  process.stdout.write(`${passed}/${report.criteria.length} criteria pass${report.pass ? ': exercise complete' : ''}\n`);
  process.exit(report.pass ? 0 : 1);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(args + '\n');
    process.exit(2);
  }
  if (args.exercise) {
    await exerciseMode(args);
    return;
  }
  const tty = process.stdin.isTTY === true;
  let world: WorldSpecInput = { hosts: args.hosts ?? ['host1'] };
  if (args.world !== null) {
    const loaded = await loadWorld(args.world);
    if (typeof loaded === 'string') {
      process.stderr.write(loaded + '\n');
      process.exit(2);
    }
    world = loaded;
  }
  let lab: Lab;
  try {
    lab = createLab({ world, seed: args.seed, pacing: tty ? 'realtime' : 'instant' });
  } catch (e) {
    process.stderr.write(`lab: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const session = lab.openSession();
  if (tty) await interactive(session);
  else await scripted(session);
}

void main();
