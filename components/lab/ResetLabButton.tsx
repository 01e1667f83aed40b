'use client';

/**
 * "Reset lab", behind a confirmation dialog (a native <dialog>: focus trap and Esc for free).
 * While an exercise's lab is shown, the dialog offers "Reset this exercise" and "Reset lesson
 * lab" separately: one never takes the other with it.
 */
import { useId, useRef, useState } from 'react';
import { useLab } from './LabProvider';

export function ResetLabButton({ what = "the lesson's starting lab", compact = false }: { what?: string; compact?: boolean }) {
  const { reset, status, config, defaultConfig } = useLab();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [working, setWorking] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const inExercise = config.labKey !== defaultConfig.labKey;

  const confirm = async (which: 'shown' | 'lesson') => {
    setWorking(true);
    try {
      await reset(which);
    } finally {
      setWorking(false);
      dialogRef.current?.close();
    }
  };

  return (
    <>
      <button type="button" className="btn btn-quiet" disabled={status.kind !== 'ready'} onClick={() => dialogRef.current?.showModal()}>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.75">
          <path d="M2.5 8a5.5 5.5 0 1 0 1.7-4" strokeLinecap="round" />
          <path d="M2 2.5v3h3" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className={compact ? 'max-sm:sr-only' : undefined}>Reset lab</span>
      </button>
      <dialog ref={dialogRef} aria-labelledby={titleId} aria-describedby={bodyId} className="dialog">
        <h2 id={titleId} className="text-lg font-semibold text-white">
          {inExercise ? 'Reset which lab?' : 'Reset the lab?'}
        </h2>
        <p id={bodyId} className="mt-2 text-sm text-slate-300">
          {inExercise ? (
            <>
              <strong>Reset this exercise</strong> removes what you did in {config.label?.replace(/^Exercise: /, 'the exercise “') ?? 'this exercise'}
              {config.label ? '”' : ''} and sets its lab up again. <strong>Reset lesson lab</strong> starts the lesson&rsquo;s own lab
              over and leaves this exercise as it is. Your command history (↑) is kept.
            </>
          ) : (
            <>
              Every container, network and change you made here is removed, and you get {what} back. Your command history (↑ in the
              terminal) is kept.
            </>
          )}
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <button type="button" className="btn btn-quiet" autoFocus onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          {inExercise ? (
            <>
              <button type="button" className="btn btn-danger" disabled={working} onClick={() => void confirm('lesson')}>
                Reset lesson lab
              </button>
              <button type="button" className="btn btn-danger" disabled={working} onClick={() => void confirm('shown')}>
                {working ? 'Resetting…' : 'Reset this exercise'}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-danger" disabled={working} onClick={() => void confirm('shown')}>
              {working ? 'Resetting…' : 'Reset lab'}
            </button>
          )}
        </div>
      </dialog>
    </>
  );
}
