'use client';

/** Remembers the section of the lesson on screen (for "continue where you left off"). */
import { useEffect } from 'react';
import { writeLastPlace } from '@/lib/lab/last-place';

export function SectionTracker({ slug }: { slug: string }) {
  useEffect(() => {
    const headings = [...document.querySelectorAll<HTMLHeadingElement>('.prose h2[id]')];
    writeLastPlace({ slug, section: null, sectionTitle: null });
    if (headings.length === 0) return;
    const observer = new IntersectionObserver(
      (entries) => {
        // The last heading that has scrolled into the top part of the view is the current section.
        const seen = entries.filter((e) => e.isIntersecting).map((e) => e.target as HTMLHeadingElement);
        const current = seen[seen.length - 1];
        if (current) writeLastPlace({ slug, section: current.id, sectionTitle: current.textContent });
      },
      { rootMargin: '0px 0px -60% 0px' },
    );
    for (const heading of headings) observer.observe(heading);
    return () => observer.disconnect();
  }, [slug]);
  return null;
}
