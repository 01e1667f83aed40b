/**
 * `npm run lab`: the lab's terminal in a console.
 *   interactive (a TTY): readline with history and Ctrl-C, streaming in real time;
 *   scripted (`npm run --silent lab -- [--hosts h1,h2] [--seed N] < script.sh`): one command per line,
 *   printed as the browser terminal shows it (prompt + command, then output), exit status 0.
 */
import * as readline from 'node:readline';
import { createLab, type Lab, type Session } from '../engine/index';

interface Args {
  hosts: string[];
  seed: number;
}

function parseArgs(argv: string[]): Args | string {
  const out: Args = { hosts: ['host1'], seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = () => {
      const eq = a.indexOf('=');
      return eq >= 0 ? a.slice(eq + 1) : argv[++i];
    };
    if (a === '--hosts' || a.startsWith('--hosts=')) out.hosts = (val() ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const n = Number(val());
      if (!Number.isInteger(n)) return 'lab: --seed takes an integer';
      out.seed = n;
    } else if (a === '--help' || a === '-h') return 'usage: npm run lab -- [--hosts host1,host2] [--seed N] [< script.sh]';
    else return `lab: unknown option ${a}`;
  }
  return out;
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function scripted(lab: Lab, session: Session): Promise<void> {
  const lines = (await readAll()).split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i++]!;
    process.stdout.write(`${session.prompt()}${line}\n`);
    await session.run(line, {
      onOutput: (chunk) => process.stdout.write(chunk),
      // A question (docker network prune) is answered by the script's next line, as a shell would read it.
      readLine: async () => {
        const answer = i < lines.length ? lines[i++]! : null;
        process.stdout.write(`${answer ?? ''}\n`);
        return answer;
      },
    });
  }
  void lab;
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
  let running: AbortController | null = null;
  rl.on('SIGINT', () => {
    if (running) running.abort();
    else {
      process.stdout.write('^C\n');
      rl.setPrompt(session.prompt());
      rl.prompt();
    }
  });
  rl.setPrompt(session.prompt());
  rl.prompt();
  for await (const line of rl) {
    running = new AbortController();
    rl.pause();
    const r = await session.run(line, {
      signal: running.signal,
      onOutput: (chunk) => process.stdout.write(chunk),
      readLine: (prompt) => new Promise((resolve) => rl.question(prompt, resolve)),
    });
    running = null;
    if (r.clear) process.stdout.write('\x1b[2J\x1b[H');
    rl.resume();
    rl.setPrompt(session.prompt());
    rl.prompt();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(args + '\n');
    process.exit(2);
  }
  const tty = process.stdin.isTTY === true;
  let lab: Lab;
  try {
    lab = createLab({ hosts: args.hosts, seed: args.seed, pacing: tty ? 'realtime' : 'instant' });
  } catch (e) {
    process.stderr.write(`lab: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const session = lab.openSession();
  if (tty) await interactive(session);
  else await scripted(lab, session);
}

void main();
