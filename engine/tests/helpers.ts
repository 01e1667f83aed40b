/**
 * A tiny driver for behaviour tests: a lab, a terminal session, and one result per command line
 * with stdout and stderr kept apart. Tests use only the engine's public face (engine/index.ts).
 */
import { createLab, type Lab, type LabOptions, type Session } from '../index';

export interface Res {
  /** What the command wrote to stdout. */
  out: string;
  /** What the command wrote to stderr. */
  err: string;
  /** Both streams, in the order the terminal showed them. */
  output: string;
  code: number;
}

export class Term {
  constructor(
    readonly lab: Lab,
    public session: Session,
  ) {}

  /** Runs one line. `answers` reply, in order, to interactive questions such as prune's [y/N]. */
  async run(line: string, answers: string[] = []): Promise<Res> {
    let out = '';
    let err = '';
    const r = await this.session.run(line, {
      onOutput: (chunk, stream) => {
        if (stream === 'stdout') out += chunk;
        else err += chunk;
      },
      readLine: async () => answers.shift() ?? null,
    });
    return { out, err, output: r.output, code: r.exitCode };
  }

  /** Runs lines one by one and returns every result. */
  async runAll(lines: string[]): Promise<Res[]> {
    const results: Res[] = [];
    for (const line of lines) results.push(await this.run(line));
    return results;
  }

  /** Runs set-up lines; any that fails makes the test fail with the line and its output. */
  async setup(...lines: string[]): Promise<void> {
    for (const line of lines) {
      const r = await this.run(line);
      if (r.code !== 0) throw new Error(`setup line failed (exit ${r.code}): ${line}\n${r.output}`);
    }
  }

  prompt(): string {
    return this.session.prompt();
  }
}

/** A new lab (seed 1 unless told) with one session on its first host. */
export function newTerm(options: LabOptions = {}): Term {
  const lab = createLab({ seed: 1, ...options });
  return new Term(lab, lab.openSession());
}

/** The lines of a text, without the final empty one. */
export function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** Replaces every 64-hex and 12-hex id with a placeholder, for comparing layouts. */
export function maskIds(text: string): string {
  return text.replace(/\b[0-9a-f]{64}\b/g, '<ID64>').replace(/\b[0-9a-f]{12}\b/g, '<ID12>');
}
