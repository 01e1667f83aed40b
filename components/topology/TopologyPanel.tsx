'use client';

/**
 * The live picture of the lab plus its text twin (a disclosure with the same facts in words, for
 * screen readers and for anyone who prefers a list). Loaded lazily, see LazyTopology.tsx. In the
 * pane it also explains paths ("Why can't A reach B?") and, in an exercise, draws the goal.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { CriterionResult, ExplainRequest } from '@/engine';
import { useLab } from '@/components/lab/LabProvider';
import { loadEngine } from '@/components/lab/load-engine';
import { useTopology } from '@/components/lab/useTopology';
import { describeTopology } from '@/lib/topology/describe';
import { endpointOfNode } from '@/lib/topology/explain-map';
import { getExplanation, setExplanation, subscribeExplanation } from '@/lib/topology/explain-store';
import type { GoalSummary } from '@/lib/topology/goal-diagram';
import { ExplainPanel, type ExplainForm } from './ExplainPanel';
import { TopologyDiagram, type GoalOverlay } from './TopologyDiagram';

const EMPTY_FORM: ExplainForm = { from: '', to: '', by: 'name', port: '' };

export default function TopologyPanel({ variant }: { variant: 'pane' | 'inline' }) {
  const { lab, status, terminalReady, generation, config } = useLab();
  // The picture waits for the terminal: the terminal is what the learner uses first, and the
  // layout engine (a 1.5 MB worker) would compete with it for the CPU on slow machines.
  const topology = useTopology(terminalReady ? lab : null);
  const description = useMemo(() => (topology ? describeTopology(topology) : null), [topology]);
  const pane = variant === 'pane';

  // The exercise's goal, graded live as the lab changes, so its parts turn solid as they are met.
  const goal = pane ? (config.goal ?? null) : null;
  const [showGoal, setShowGoal] = useState(true);
  const [criteria, setCriteria] = useState<readonly CriterionResult[]>([]);
  const [goalSummary, setGoalSummary] = useState<GoalSummary | null>(null);
  useEffect(() => {
    setCriteria([]);
  }, [goal]);
  useEffect(() => {
    if (!goal || !lab || !topology) return;
    let current = true;
    void loadEngine().then((engine) => {
      const outcome = engine.checkGoal(lab, goal);
      if (current && outcome.ok) setCriteria(outcome.report.criteria);
    });
    return () => {
      current = false;
    };
  }, [goal, lab, topology]);
  const overlay = useMemo<GoalOverlay | null>(() => (goal && showGoal ? { goal, criteria } : null), [goal, showGoal, criteria]);

  // "Why can't A reach B?"
  const shown = useSyncExternalStore(subscribeExplanation, getExplanation, () => null);
  const explanation = shown && shown.generation === generation ? shown.result : null;
  const [explainOpen, setExplainOpen] = useState(false);
  const [form, setForm] = useState<ExplainForm>(EMPTY_FORM);
  const [picking, setPicking] = useState(false);
  const [next, setNext] = useState<'from' | 'to'>('from');
  useEffect(() => {
    // An explanation asked elsewhere (a check result's "Explain") opens the panel with its question.
    if (!pane || !shown || shown.generation !== generation) return;
    setExplainOpen(true);
    setForm({ from: shown.request.from, to: shown.request.to, by: shown.request.by ?? 'name', port: shown.request.port ? String(shown.request.port) : '' });
  }, [shown, generation, pane]);
  useEffect(() => {
    setForm(EMPTY_FORM);
    setPicking(false);
  }, [generation]);

  const explain = useCallback(
    (request: ExplainRequest, source: 'picture' | 'terminal') => {
      if (!lab) return;
      setExplanation({ request, result: lab.explainPath(request), source, generation });
    },
    [lab, generation],
  );
  const onPick = useCallback(
    (nodeId: string) => {
      if (!topology) return;
      const ref = endpointOfNode(topology, nodeId);
      if (!ref) return;
      if (next === 'from') {
        setForm((f) => ({ ...f, from: ref }));
        setNext('to');
        return;
      }
      const filled = { ...form, to: ref };
      setForm(filled);
      setNext('from');
      setPicking(false);
      const port = Number(filled.port);
      if (filled.from) explain({ from: filled.from, to: ref, by: filled.by, ...(filled.port && port > 0 ? { port } : {}) }, 'picture');
    },
    [topology, next, form, explain],
  );

  if (status.kind === 'failed') return null;
  if (!topology || !description || !lab) {
    return (
      <p className="p-4 text-sm text-slate-400" role="status">
        Starting the lab…
      </p>
    );
  }
  const tools = pane ? (
    <>
      {goal ? (
        <button type="button" className="btn btn-quiet" aria-pressed={showGoal} onClick={() => setShowGoal((v) => !v)} title="Draw the exercise's goal over the lab">
          Goal
        </button>
      ) : null}
      <button type="button" className="btn btn-quiet" aria-expanded={explainOpen} onClick={() => setExplainOpen((v) => !v)} title="Why can't A reach B?">
        Explain a path
      </button>
    </>
  ) : null;
  return (
    <div className="topology" data-variant={variant} data-testid="topology" data-picking={picking ? 'true' : undefined}>
      <div className="topology-body" data-explain-open={pane && explainOpen ? 'true' : 'false'}>
      <div className="topology-canvas">
        <TopologyDiagram
          topology={topology}
          summary={description.summary}
          variant={variant}
          resetKey={generation}
          goal={overlay}
          explanation={pane ? explanation : null}
          onPick={pane && picking ? onPick : undefined}
          tools={tools}
          legend={
            overlay && goalSummary ? (
              <p className="goal-legend" data-testid="goal-legend">
                Goal: {goalSummary.met} of {goalSummary.total} parts met · dashed yellow = still to do
              </p>
            ) : null
          }
          onGoalSummary={setGoalSummary}
        />
      </div>
      {pane && explainOpen ? (
        <ExplainPanel
          lab={lab}
          topology={topology}
          form={form}
          onFormChange={setForm}
          picking={picking}
          onPickingChange={(v) => {
            setPicking(v);
            setNext('from');
          }}
          explanation={explanation}
          onExplain={explain}
          onClear={() => setExplanation(null)}
        />
      ) : null}
      </div>
      <details className="topology-text group border-t border-slate-800 px-3 py-2 text-sm text-slate-300">
        <summary className="cursor-pointer select-none rounded text-slate-300 hover:text-white">
          Describe this network in words
        </summary>
        <div className="mt-2 space-y-3" data-testid="topology-text">
          <p>{description.summary}</p>
          {description.hosts.map((host) => (
            <div key={host.heading}>
              <p className="font-semibold text-slate-100">{host.heading}</p>
              <ul className="ml-5 list-disc space-y-1">
                {host.items.map((item, index) => (
                  <li key={index}>{item}</li>
                ))}
              </ul>
            </div>
          ))}
          {overlay && goalSummary ? (
            <div>
              <p className="font-semibold text-slate-100">The exercise&rsquo;s goal</p>
              <ul className="ml-5 list-disc space-y-1" data-testid="goal-text">
                {goalSummary.parts.map((part, index) => (
                  <li key={index}>
                    {part.label}: {part.mark === 'met' ? 'met' : 'still to do'}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </details>
    </div>
  );
}
