'use client';

/**
 * "Why can't A reach B?": pick two endpoints (in the lists, or by clicking boxes on the picture),
 * optionally a port, and the lab explains the path a packet takes, hop by hop, ending at the rule
 * or the missing route that stopped it; the picture draws the same path. "My last ping/curl"
 * explains the last probe typed in a terminal.
 */
import { useId, type FormEvent } from 'react';
import type { ExplainRequest, Lab, PathExplanation, Topology } from '@/engine';
import { endpointChoices } from '@/lib/topology/explain-map';
import { ExplanationText } from './ExplanationText';

export interface ExplainForm {
  from: string;
  to: string;
  by: 'name' | 'address';
  port: string;
}

/** The form as the engine takes it; a port makes it a TCP connect. */
export function requestOf(form: ExplainForm): ExplainRequest | null {
  if (!form.from || !form.to) return null;
  const port = Number(form.port);
  return { from: form.from, to: form.to, by: form.by, ...(form.port.trim() !== '' && Number.isInteger(port) && port > 0 ? { port } : {}) };
}

export function ExplainPanel({
  lab,
  topology,
  form,
  onFormChange,
  picking,
  onPickingChange,
  explanation,
  onExplain,
  onClear,
}: {
  lab: Lab;
  topology: Topology;
  form: ExplainForm;
  onFormChange: (form: ExplainForm) => void;
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  explanation: PathExplanation | null;
  onExplain: (request: ExplainRequest, source: 'picture' | 'terminal') => void;
  onClear: () => void;
}) {
  const id = useId();
  const choices = endpointChoices(topology);
  const lastProbe = lab.lastProbe();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = requestOf(form);
    if (request) onExplain(request, 'picture');
  };
  const options = (selected: string) => {
    const list = choices.some((c) => c.value === selected) || !selected ? choices : [{ value: selected, label: selected }, ...choices];
    return list.map((c) => (
      <option key={c.value} value={c.value}>
        {c.label}
      </option>
    ));
  };
  return (
    <section className="explain-panel" aria-labelledby={`${id}-title`} data-testid="explain-panel">
      <h3 id={`${id}-title`} className="explain-title">
        Why can&rsquo;t A reach B?
      </h3>
      <form className="explain-form" onSubmit={submit}>
        <label>
          <span>From</span>
          <select value={form.from} onChange={(e) => onFormChange({ ...form, from: e.target.value })} aria-label="From">
            <option value="">Choose…</option>
            {options(form.from)}
          </select>
        </label>
        <label>
          <span>To</span>
          <select value={form.to} onChange={(e) => onFormChange({ ...form, to: e.target.value })} aria-label="To">
            <option value="">Choose…</option>
            {options(form.to)}
          </select>
        </label>
        <label>
          <span>By</span>
          <select value={form.by} onChange={(e) => onFormChange({ ...form, by: e.target.value === 'address' ? 'address' : 'name' })} aria-label="Reach it by">
            <option value="name">its name</option>
            <option value="address">its address</option>
          </select>
        </label>
        <label>
          <span>Port</span>
          <input
            inputMode="numeric"
            pattern="[0-9]*"
            placeholder="ping"
            value={form.port}
            onChange={(e) => onFormChange({ ...form, port: e.target.value.replace(/[^0-9]/g, '').slice(0, 5) })}
            aria-label="Port (empty: ping)"
            size={5}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!form.from || !form.to}>
          Explain
        </button>
      </form>
      <div className="explain-actions">
        <button type="button" className="btn btn-quiet" aria-pressed={picking} onClick={() => onPickingChange(!picking)}>
          {picking ? 'Picking on the picture…' : 'Pick on the picture'}
        </button>
        <button
          type="button"
          className="btn btn-quiet"
          disabled={!lastProbe}
          title={lastProbe ? lastProbe.line : 'Type a ping or curl in the terminal first'}
          onClick={() => lastProbe && onExplain(lastProbe, 'terminal')}
        >
          Explain my last {lastProbe ? lastProbe.command : 'ping/curl'}
        </button>
        {explanation ? (
          <button type="button" className="btn btn-quiet" onClick={onClear}>
            Clear
          </button>
        ) : null}
      </div>
      {picking ? (
        <p className="explain-hint" role="status">
          Click a container, a host&rsquo;s eth0, the laptop or the internet: first where the packet starts, then where it goes.
        </p>
      ) : null}
      {explanation ? <ExplanationText explanation={explanation} /> : null}
    </section>
  );
}
