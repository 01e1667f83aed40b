'use client';

/**
 * "Export progress" and "Import progress" on the course index. Progress lives in one browser's
 * localStorage; a file is how a learner keeps a copy or carries on in another browser. Import
 * merges (see mergeProgress), so a learner can never lose progress by importing an old file.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { downloadFile } from '@/lib/browser/download-file';
import { importProgress, readProgress } from '@/lib/lab/progress';
import {
  PROGRESS_FILE_MAX_BYTES,
  countProgress,
  keepKnown,
  type CourseCatalogue,
  parseProgressFile,
  progressFileName,
  progressToFile,
  type ProgressCounts,
} from '@/lib/lab/progress-file';
import { useProgress } from './useProgress';

type Status = { kind: 'idle' } | { kind: 'working'; text: string } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describeCounts(counts: ProgressCounts): string {
  return [
    plural(counts.visited, 'lesson opened', 'lessons opened'),
    `${counts.completed} completed`,
    plural(counts.exercises, 'exercise passed', 'exercises passed'),
  ].join(', ');
}

/** What an import added, e.g. "2 lessons completed, 1 exercise passed". Empty when nothing. */
function describeGain(before: ProgressCounts, after: ProgressCounts): string {
  const parts: string[] = [];
  const opened = after.visited - before.visited;
  const completed = after.completed - before.completed;
  const passed = after.exercises - before.exercises;
  if (opened > 0) parts.push(plural(opened, 'lesson opened', 'lessons opened'));
  if (completed > 0) parts.push(plural(completed, 'lesson completed', 'lessons completed'));
  if (passed > 0) parts.push(plural(passed, 'exercise passed', 'exercises passed'));
  return parts.join(', ');
}

/** "3 lessons and 1 exercise": what an import left out, or "" when nothing. */
function describeDropped(dropped: { lessons: number; exercises: number }): string {
  const parts: string[] = [];
  if (dropped.lessons > 0) parts.push(plural(dropped.lessons, 'lesson', 'lessons'));
  if (dropped.exercises > 0) parts.push(plural(dropped.exercises, 'exercise', 'exercises'));
  return parts.join(' and ');
}

export function ProgressTransfer({ course }: { course: CourseCatalogue }) {
  const progress = useProgress();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const inputId = useId();
  const helpId = useId();
  // Progress is null until hydration: the buttons would do nothing before then.
  const ready = progress !== null && status.kind !== 'working';

  const exportProgress = () => {
    const now = new Date();
    const current = readProgress();
    const name = progressFileName(now);
    downloadFile(name, `${JSON.stringify(progressToFile(current, now), null, 2)}\n`, 'application/json');
    setStatus({ kind: 'done', text: `Downloaded ${name}: ${describeCounts(countProgress(current))}.` });
  };

  const importChosenFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clear the input so that choosing the same file again is a new change.
    event.target.value = '';
    if (!file) return;
    const refused = (why: string) => setStatus({ kind: 'error', text: `Nothing was imported from ${file.name}. ${why}` });
    if (file.size > PROGRESS_FILE_MAX_BYTES) {
      refused('The file is far too large to be a Docknet progress file.');
      return;
    }
    setStatus({ kind: 'working', text: `Reading ${file.name}…` });
    let text: string;
    try {
      text = await file.text();
    } catch {
      refused('The browser could not read the file.');
      return;
    }
    const parsed = parseProgressFile(text);
    if (!parsed.ok) {
      refused(parsed.error);
      return;
    }
    const known = keepKnown(parsed.progress, course);
    const kept = countProgress(known.progress);
    const dropped = describeDropped(known.dropped);
    if (kept.visited === 0 && kept.exercises === 0 && dropped) {
      refused(`It names only lessons and exercises this course does not have (${dropped}).`);
      return;
    }
    const before = countProgress(readProgress());
    if (!importProgress(known.progress)) {
      refused('This browser refused to save it: its storage is full or turned off.');
      return;
    }
    const gain = describeGain(before, countProgress(readProgress()));
    setStatus({
      kind: 'done',
      text:
        (gain ? `Imported ${file.name}. New here: ${gain}.` : `Imported ${file.name}. This browser already had all of its progress.`) +
        (dropped ? ` Left out ${dropped} this course does not have.` : ''),
    });
  };

  return (
    <section aria-labelledby="progress-file-heading" className="mt-14 rounded-xl border border-slate-800 p-4 sm:p-5">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="max-w-xl">
          <h2 id="progress-file-heading" className="text-base font-semibold text-white">
            Your progress
          </h2>
          <p id={helpId} className="mt-1 text-sm leading-relaxed text-slate-400">
            It is kept in this browser only. Export it to a file to keep a copy or to carry on elsewhere. Importing a
            file adds its progress to what this browser has; nothing here is removed.
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <button type="button" className="btn btn-quiet px-4 py-2 text-sm" disabled={!ready} onClick={exportProgress}>
            <DownloadIcon /> Export progress
          </button>
          {/* The file input itself takes focus and keys (Enter or Space opens the picker); it is
              visually hidden and its label is drawn as the button, with the focus ring moved onto it. */}
          <input
            id={inputId}
            type="file"
            accept="application/json,.json"
            className="peer sr-only"
            aria-describedby={helpId}
            disabled={!ready}
            onChange={(event) => void importChosenFile(event)}
          />
          <label
            htmlFor={inputId}
            className="btn btn-quiet px-4 py-2 text-sm peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-sky-300 peer-disabled:cursor-not-allowed peer-disabled:opacity-50"
          >
            <UploadIcon /> Import progress
          </label>
        </div>
      </div>
      <p
        role="status"
        data-testid="progress-file-status"
        data-kind={status.kind}
        className={
          status.kind === 'idle'
            ? 'sr-only'
            : `mt-4 rounded-lg border px-3 py-2 text-sm ${
                status.kind === 'error' ? 'border-rose-900 bg-rose-950/60 text-rose-100' : 'border-slate-700 bg-slate-900 text-slate-200'
              }`
        }
      >
        {status.kind === 'error' ? <span aria-hidden="true" className="mr-1.5 text-rose-300">✗</span> : null}
        {status.kind === 'done' ? <span aria-hidden="true" className="mr-1.5 text-emerald-300">✓</span> : null}
        {status.kind === 'idle' ? '' : status.text}
      </p>
    </section>
  );
}

function DownloadIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.75">
      <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function UploadIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.75">
      <path d="M8 10.5v-8M4.5 6 8 2.5 11.5 6M3 13.5h10" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
