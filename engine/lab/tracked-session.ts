import type { CommandFailure, Completion, RunIO, RunResult, Session } from '../api';
import type { ShellSession } from '../shell/session';

/** What the lab keeps of a session besides the shell itself: for feedback and for terminal goals. */
export interface SessionRecord {
  readonly id: string;
  /** The host it was opened on (its terminal tab). */
  readonly base: string;
  /** When it last ran a line, in the lab's order of lines (0: never). */
  lastLine: number;
  failure: CommandFailure | null;
  failureLine: number;
  /** stderr of the line running now. */
  stderr: string;
}

export interface LineDone {
  line: string;
  exitCode: number;
  /** Where the line was typed: the prompt's host and container before it ran. */
  host: string;
  container: string | null;
}

/** A shell session that tells the lab how each line ended; everything else is the shell's. */
export class TrackedSession implements Session {
  constructor(
    private readonly inner: ShellSession,
    private readonly record: SessionRecord,
    private readonly done: (record: SessionRecord, line: LineDone) => void,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  prompt(): string {
    return this.inner.prompt();
  }

  host(): string {
    return this.inner.host();
  }

  container(): string | null {
    return this.inner.container();
  }

  async run(line: string, io?: RunIO): Promise<RunResult> {
    const host = this.inner.host();
    const container = this.inner.container();
    const r = await this.inner.run(line, io);
    this.done(this.record, { line, exitCode: r.exitCode, host, container });
    return r;
  }

  complete(line: string, cursor?: number): Completion {
    return this.inner.complete(line, cursor);
  }

  history(): readonly string[] {
    return this.inner.history();
  }

  detach(): string | null {
    return this.inner.detach();
  }

  place(): unknown {
    return this.inner.place();
  }
}
