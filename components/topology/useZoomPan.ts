'use client';

/**
 * Zoom and pan for the topology picture, by moving the SVG's viewBox (text stays crisp at any
 * zoom). "Fit" shows the whole picture in the box, in both directions; "Actual size" is 1:1.
 * Written here rather than taken from a pan-zoom library: those transform an element with CSS,
 * while fitting needs the layout's size and the box's, which only this component knows.
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';

export interface ViewBox {
  x: number;
  y: number;
  scale: number;
}

export type ZoomMode = 'fit' | 'actual' | 'free';

const MIN_SCALE = 0.2;
const MAX_SCALE = 3;
/** A small picture is enlarged to fill the box, but not beyond this (it would look crude). */
const MAX_FIT_SCALE = 1.6;

function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function fitView(content: { width: number; height: number }, box: { width: number; height: number }): ViewBox {
  const scale = clampScale(Math.min(box.width / content.width, box.height / content.height, MAX_FIT_SCALE));
  return { scale, x: (content.width - box.width / scale) / 2, y: (content.height - box.height / scale) / 2 };
}

function actualView(content: { width: number; height: number }, box: { width: number; height: number }): ViewBox {
  // Centred when it is smaller than the box, from the top-left corner when it is larger.
  return { scale: 1, x: Math.min(0, (content.width - box.width) / 2), y: Math.min(0, (content.height - box.height) / 2) };
}

export function useZoomPan(boxRef: RefObject<HTMLElement | null>, content: { width: number; height: number }) {
  const [box, setBox] = useState({ width: 0, height: 0 });
  const [mode, setMode] = useState<ZoomMode>('fit');
  const [free, setFree] = useState<ViewBox>({ x: 0, y: 0, scale: 1 });
  const pointers = useRef(new Map<number, { x: number; y: number }>());

  useEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const measure = () => setBox({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [boxRef]);

  const ready = box.width > 0 && box.height > 0 && content.width > 0 && content.height > 0;
  const view: ViewBox = !ready
    ? { x: 0, y: 0, scale: 1 }
    : mode === 'fit'
      ? fitView(content, box)
      : mode === 'actual'
        ? actualView(content, box)
        : free;
  const viewRef = useRef(view);
  viewRef.current = view;

  const zoomAt = useCallback(
    (factor: number, at?: { x: number; y: number }) => {
      const current = viewRef.current;
      const scale = clampScale(current.scale * factor);
      const px = at?.x ?? box.width / 2;
      const py = at?.y ?? box.height / 2;
      // Keep the diagram point under the pointer where it is.
      const dx = current.x + px / current.scale;
      const dy = current.y + py / current.scale;
      setFree({ scale, x: dx - px / scale, y: dy - py / scale });
      setMode('free');
    },
    [box.width, box.height],
  );

  const panBy = useCallback((dx: number, dy: number) => {
    const current = viewRef.current;
    setFree({ scale: current.scale, x: current.x - dx / current.scale, y: current.y - dy / current.scale });
    setMode('free');
  }, []);

  // Wheel: Ctrl/pinch zooms; a plain wheel pans the picture when it is larger than the box.
  useEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const rect = element.getBoundingClientRect();
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        zoomAt(Math.exp(-event.deltaY / 300), { x: event.clientX - rect.left, y: event.clientY - rect.top });
        return;
      }
      const current = viewRef.current;
      const overflowX = content.width * current.scale > rect.width + 1;
      const overflowY = content.height * current.scale > rect.height + 1;
      if (!overflowX && !overflowY) return;
      event.preventDefault();
      panBy(overflowX ? -event.deltaX : 0, overflowY ? -event.deltaY : 0);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [boxRef, zoomAt, panBy, content.width, content.height]);

  const onPointerDown = useCallback((event: ReactPointerEvent<Element>) => {
    if (event.button !== 0) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
  }, []);

  const onPointerMove = useCallback(
    (event: ReactPointerEvent<Element>) => {
      const previous = pointers.current.get(event.pointerId);
      if (!previous) return;
      const others = [...pointers.current.entries()].filter(([id]) => id !== event.pointerId);
      const next = { x: event.clientX, y: event.clientY };
      pointers.current.set(event.pointerId, next);
      const other = others[0]?.[1];
      if (other) {
        // Two fingers: pinch to zoom around their midpoint.
        const before = Math.hypot(previous.x - other.x, previous.y - other.y);
        const after = Math.hypot(next.x - other.x, next.y - other.y);
        const element = boxRef.current;
        if (before > 0 && element) {
          const rect = element.getBoundingClientRect();
          zoomAt(after / before, { x: (next.x + other.x) / 2 - rect.left, y: (next.y + other.y) / 2 - rect.top });
        }
        return;
      }
      if (next.x !== previous.x || next.y !== previous.y) panBy(next.x - previous.x, next.y - previous.y);
    },
    [boxRef, panBy, zoomAt],
  );

  const onPointerUp = useCallback((event: ReactPointerEvent<Element>) => {
    pointers.current.delete(event.pointerId);
  }, []);

  return {
    ready,
    box,
    view,
    mode,
    fit: () => setMode('fit'),
    actualSize: () => setMode('actual'),
    zoomIn: () => zoomAt(1.25),
    zoomOut: () => zoomAt(0.8),
    panBy,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
  };
}
