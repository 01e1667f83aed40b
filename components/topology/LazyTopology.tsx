'use client';

/** The topology panel, kept out of the first load (it brings the layout code with it). */
import dynamic from 'next/dynamic';

export const LazyTopology = dynamic(() => import('./TopologyPanel'), {
  ssr: false,
  loading: () => (
    <p className="p-4 text-sm text-slate-400" role="status">
      Starting the lab…
    </p>
  ),
});
