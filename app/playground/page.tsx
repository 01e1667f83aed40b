import type { Metadata } from 'next';
import { Playground } from '@/components/playground/Playground';

export const metadata: Metadata = {
  title: 'Playground',
  description: 'A free Docker lab in your browser: one to three simulated hosts, a terminal and a live topology.',
};

export default function PlaygroundPage() {
  return (
    <main id="main" tabIndex={-1}>
      <Playground />
    </main>
  );
}
