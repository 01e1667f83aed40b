'use client';

/** The terminal, loaded after the page (xterm.js is ≈40 KiB gzip and needs the DOM). */
import dynamic from 'next/dynamic';

const loadTerminal = () => import('./XtermTerminal');
// Start downloading xterm while the page hydrates, not after.
if (typeof window !== 'undefined') void loadTerminal().catch(() => undefined);

export const LazyTerminal = dynamic(loadTerminal, {
  ssr: false,
  loading: () => (
    <div className="flex h-full items-center justify-center text-sm text-slate-400" role="status">
      Starting the terminal…
    </div>
  ),
});
