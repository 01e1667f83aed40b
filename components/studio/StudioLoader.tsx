'use client';

/** Loads the studio (and with it Monaco) in the browser only, and only on /studio/. */
import dynamic from 'next/dynamic';
import type { StudioProps } from './Studio';

const loadStudio = () => import('./Studio');
// Start downloading Monaco while the page hydrates, not after.
if (typeof window !== 'undefined') void loadStudio().catch(() => undefined);

const Studio = dynamic(loadStudio, {
  ssr: false,
  loading: () => (
    <p role="status" className="p-8 text-slate-300">
      Loading the studio…
    </p>
  ),
});

export function StudioLoader(props: StudioProps) {
  return <Studio {...props} />;
}
