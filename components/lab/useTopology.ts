'use client';

/**
 * The lab's topology, kept current: recomputed (at most once per animation frame) after every
 * `changed` event, so a burst of changes from one command redraws once.
 */
import { useEffect, useState } from 'react';
import type { Lab, Topology } from '@/engine';

export function useTopology(lab: Lab | null): Topology | null {
  const [topology, setTopology] = useState<Topology | null>(() => (lab ? lab.topology() : null));
  useEffect(() => {
    if (!lab) {
      setTopology(null);
      return;
    }
    setTopology(lab.topology());
    let frame: number | null = null;
    const unsubscribe = lab.subscribe((event) => {
      if (event.type !== 'changed' || frame !== null) return;
      frame = window.requestAnimationFrame(() => {
        frame = null;
        setTopology(lab.topology());
      });
    });
    return () => {
      unsubscribe();
      if (frame !== null) window.cancelAnimationFrame(frame);
    };
  }, [lab]);
  return topology;
}
