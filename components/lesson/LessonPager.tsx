import Link from 'next/link';

export interface PagerLink {
  slug: string;
  title: string;
}

/** Previous / next lesson links at the end of a lesson. */
export function LessonPager({ previous, next }: { previous: PagerLink | null; next: PagerLink | null }) {
  return (
    <nav aria-label="Lessons" className="mt-8 grid gap-3 sm:grid-cols-2">
      {previous ? (
        <Link href={`/lessons/${previous.slug}/`} rel="prev" className="pager-link rounded-xl border border-slate-800 p-4 hover:border-sky-700">
          <span className="block text-xs font-medium uppercase tracking-wide text-slate-400">← Previous</span>
          <span className="mt-1 block font-semibold text-slate-100">{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={`/lessons/${next.slug}/`} rel="next" className="pager-link rounded-xl border border-slate-800 p-4 text-right hover:border-sky-700">
          <span className="block text-xs font-medium uppercase tracking-wide text-slate-400">Next →</span>
          <span className="mt-1 block font-semibold text-slate-100">{next.title}</span>
        </Link>
      ) : (
        <Link href="/playground/" className="pager-link rounded-xl border border-slate-800 p-4 text-right hover:border-sky-700">
          <span className="block text-xs font-medium uppercase tracking-wide text-slate-400">Keep exploring →</span>
          <span className="mt-1 block font-semibold text-slate-100">The playground</span>
        </Link>
      )}
    </nav>
  );
}
