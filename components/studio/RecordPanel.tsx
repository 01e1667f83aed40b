'use client';

/**
 * "Record a goal from the lab": reads the preview lab's state (lib/studio/goal-recorder.ts) into
 * candidate criteria the author prunes, then writes the goal into an exercise file.
 */
import { useState } from 'react';
import { useLab } from '@/components/lab/LabProvider';
import type { GoalInput } from '@/engine';
import { goalFromCandidates, type GoalCandidate } from '@/lib/studio/goal-candidates';

export function RecordPanel({ exerciseIds, onInsert }: { exerciseIds: string[]; onInsert: (exerciseId: string, goal: GoalInput) => void }) {
  const lab = useLab();
  const [candidates, setCandidates] = useState<GoalCandidate[] | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = exerciseIds.includes(target) ? target : (exerciseIds[0] ?? '');

  const record = async () => {
    if (!lab.lab) return;
    setBusy(true);
    try {
      const { recordGoal } = await import('@/lib/studio/goal-recorder');
      setCandidates(await recordGoal(lab.lab));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="studio-record">
      <p className="text-slate-300">
        Build the target in the preview&rsquo;s lab (type in its terminal or press Run), then record it. Every candidate is checked on the lab
        as it is now; keep the ones the exercise is about.
      </p>
      <button type="button" className="btn btn-primary" onClick={() => void record()} disabled={busy || lab.status.kind !== 'ready'}>
        {busy ? 'Recording…' : 'Record from the lab'}
      </button>
      {candidates ? (
        candidates.length === 0 ? (
          <p className="studio-empty">The lab has nothing beyond its default networks yet.</p>
        ) : (
          <>
            <fieldset className="studio-candidates">
              <legend className="sr-only">Goal candidates</legend>
              {candidates.map((c, i) => (
                <label key={c.key} className="flex items-start gap-2" data-candidate={c.key}>
                  <input
                    type="checkbox"
                    checked={c.selected}
                    onChange={(e) => setCandidates(candidates.map((x, j) => (j === i ? { ...x, selected: e.target.checked } : x)))}
                  />
                  <span>
                    <span className="studio-kind">{c.kind}</span> {c.label}
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="flex flex-wrap items-center gap-2">
              <label className="text-slate-300">
                Into{' '}
                <select value={chosen} onChange={(e) => setTarget(e.target.value)} className="studio-input">
                  {exerciseIds.map((id) => (
                    <option key={id} value={id}>
                      exercises/{id}.yaml
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="btn btn-primary"
                disabled={!chosen || !candidates.some((c) => c.selected)}
                onClick={() => onInsert(chosen, goalFromCandidates(candidates))}
              >
                Use as the goal
              </button>
            </div>
          </>
        )
      ) : null}
    </div>
  );
}
