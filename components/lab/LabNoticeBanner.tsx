'use client';

/** A lab notice ("your saved lab was discarded because…"), with its actions, visible until dismissed. */
import { useLab } from './LabProvider';

export function LabNoticeBanner() {
  const { notice, dismissNotice } = useLab();
  if (!notice) return null;
  const warning = notice.tone === 'warning';
  return (
    <div
      role={warning ? 'alert' : 'status'}
      data-testid="lab-notice"
      data-kind={notice.kind}
      className={`mx-3 mt-3 flex items-start gap-3 rounded-lg border px-3 py-2 text-sm ${
        warning ? 'border-amber-400/40 bg-amber-950/50 text-amber-100' : 'border-sky-400/40 bg-sky-950/50 text-sky-100'
      }`}
    >
      <span aria-hidden="true">{warning ? '⚠' : 'ℹ'}</span>
      <div className="flex-1">
        <p>{notice.text}</p>
        {notice.actions && notice.actions.length > 0 ? (
          <p className="mt-2 flex flex-wrap gap-2">
            {notice.actions.map((action) => (
              <button key={action.label} type="button" className="btn btn-quiet" onClick={action.run}>
                {action.label}
              </button>
            ))}
          </p>
        ) : null}
      </div>
      <button type="button" className="btn btn-quiet -my-1 px-2" onClick={dismissNotice} aria-label="Dismiss notice">
        ✕
      </button>
    </div>
  );
}
