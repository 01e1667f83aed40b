'use client';

/** "Reset lab", behind a confirmation dialog (a native <dialog>: focus trap and Esc for free). */
import { useId, useRef, useState } from 'react';
import { useLab } from './LabProvider';

export function ResetLabButton({ what = "the lesson's starting lab", compact = false }: { what?: string; compact?: boolean }) {
  const { reset, status } = useLab();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [working, setWorking] = useState(false);
  const titleId = useId();
  const bodyId = useId();

  const confirm = async () => {
    setWorking(true);
    try {
      await reset();
    } finally {
      setWorking(false);
      dialogRef.current?.close();
    }
  };

  return (
    <>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={status.kind !== 'ready'}
        onClick={() => dialogRef.current?.showModal()}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.75">
          <path d="M2.5 8a5.5 5.5 0 1 0 1.7-4" strokeLinecap="round" />
          <path d="M2 2.5v3h3" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className={compact ? 'max-sm:sr-only' : undefined}>Reset lab</span>
      </button>
      <dialog ref={dialogRef} aria-labelledby={titleId} aria-describedby={bodyId} className="dialog">
        <h2 id={titleId} className="text-lg font-semibold text-white">
          Reset the lab?
        </h2>
        <p id={bodyId} className="mt-2 text-sm text-slate-300">
          Every container, network and change you made here is removed, and you get {what} back. Your command history
          (↑ in the terminal) is kept.
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className="btn btn-quiet" autoFocus onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={working} onClick={() => void confirm()}>
            {working ? 'Resetting…' : 'Reset lab'}
          </button>
        </div>
      </dialog>
    </>
  );
}
