'use client';

import { useEffect } from 'react';
import { markVisited } from '@/lib/lab/progress';

/** Records that the learner opened this lesson (course progress). */
export function VisitTracker({ slug }: { slug: string }) {
  useEffect(() => markVisited(slug), [slug]);
  return null;
}
