'use client';

/** `<Topology />` in a lesson: the live picture of the lab, inline in the text. */
import { useOptionalLab } from '@/components/lab/LabProvider';
import { LazyTopology } from '@/components/topology/LazyTopology';

export function TopologySlot() {
  const lab = useOptionalLab();
  if (!lab) return null;
  return (
    <figure className="topology-slot">
      <LazyTopology variant="inline" />
      <figcaption>Live topology of your lab: it changes as you run commands.</figcaption>
    </figure>
  );
}
