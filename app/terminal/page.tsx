import type { Metadata } from 'next';
import { BareTerminal } from '@/components/playground/BareTerminal';

export const metadata: Metadata = {
  title: 'Terminal',
  description: 'Just a terminal on a simulated Docker host, nothing else on the page.',
};

/**
 * The barest page with a lab: one host, one terminal, full size. Handy in a second window, and the
 * baseline of scripts/bench-web.ts (a lesson page should get its terminal almost as fast).
 */
export default function TerminalPage() {
  return (
    <main id="main" tabIndex={-1}>
      <h1 className="sr-only">Terminal</h1>
      <BareTerminal />
    </main>
  );
}
