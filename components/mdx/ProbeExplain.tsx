'use client';

/**
 * "Explain" on a failed probe of a check result: the lab explains the probe's packet (the same
 * endpoints, way and port the checker used) hop by hop, here under the check and on the picture.
 */
import { useState } from 'react';
import type { CriterionResult, GoalInput, PathExplanation } from '@/engine';
import { useOptionalLab } from '@/components/lab/LabProvider';
import { probeRequest } from '@/lib/exercises/probe-request';
import { setExplanation } from '@/lib/topology/explain-store';
import { ExplanationText } from '@/components/topology/ExplanationText';

export function ProbeExplain({ criterion, goal }: { criterion: CriterionResult; goal: GoalInput }) {
  const lab = useOptionalLab();
  const [shown, setShown] = useState<PathExplanation | null>(null);
  const live = lab?.lab;
  if (criterion.pass || !criterion.id.startsWith('probes.') || !live) return null;
  const explain = () => {
    const request = probeRequest(goal, criterion.id, live.topology().hosts[0]?.address ?? '');
    if (!request) return;
    const result = live.explainPath(request);
    setShown(result);
    setExplanation({ request, result, source: 'check', generation: lab.generation });
    // Wide screens show the path on the picture beside the text; phones keep the text in view.
    window.dispatchEvent(new Event('docknet:show-topology'));
  };
  const label = shown ? 'Explain again' : 'Explain';
  return (
    <div className="pl-5">
      {/* The name starts with the words shown, so speech input ("click Explain again") finds it (WCAG 2.5.3). */}
      <button type="button" className="btn btn-quiet mt-1 px-2 py-0 text-xs" onClick={explain} aria-label={`${label} why: ${criterion.label}`}>
        {label}
      </button>
      {shown ? (
        <div className="exercise-explain" data-testid="probe-explain">
          <ExplanationText explanation={shown} />
        </div>
      ) : null}
    </div>
  );
}
