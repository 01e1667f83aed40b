'use client';

/** The terminal, loaded after the page (xterm.js is ≈40 KiB gzip and needs the DOM). */
import dynamic from 'next/dynamic';

export const LazyTerminal = dynamic(() => import('./XtermTerminal'), {
  ssr: false,
  loading: () => (
    <div className="flex h-full items-center justify-center text-sm text-slate-400" role="status">
      Starting the terminal…
    </div>
  ),
});
