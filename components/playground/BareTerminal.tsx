'use client';

/** A lab with nothing but its terminal (shares the playground's one-host lab and history). */
import { LabProvider } from '@/components/lab/LabProvider';
import { LazyTerminal } from '@/components/terminal/LazyTerminal';

export function BareTerminal() {
  return (
    <LabProvider config={{ labKey: 'playground:1', hosts: ['host1'], setup: [] }}>
      <section aria-label="Terminal" className="bare-terminal">
        <LazyTerminal tabId="host1#1" autoFocus />
      </section>
    </LabProvider>
  );
}
