'use client';

/**
 * A lesson's workspace: the text and the lab side by side in a resizable split (wide screens),
 * the lab docked as a bottom sheet on narrow screens. "Maximize terminal" hides the text so the
 * terminal gets the whole width.
 *
 * The split is the WAI-ARIA window-splitter pattern written out (a focusable separator with
 * aria-valuenow, dragged with the pointer or moved with the arrow keys): react-resizable-panels
 * does the same but added ≈30 KiB gzip to the lesson's first load, which must stay ≤ 220 KiB.
 */
import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { LabErrorBoundary } from '@/components/lab/LabErrorBoundary';
import { LabPane } from '@/components/lab/LabPane';
import { readStorage, writeStorage } from '@/lib/lab/storage';

const SIZE_KEY = 'docknet:split:v1';
const DEFAULT_SIZE = 46;
const MIN_SIZE = 25;
const MAX_SIZE = 70;

const clamp = (size: number) => Math.round(Math.min(MAX_SIZE, Math.max(MIN_SIZE, size)));

export function LessonWorkspace({ children }: { children: ReactNode }) {
  const [maximized, setMaximized] = useState(false);
  const [size, setSize] = useState(DEFAULT_SIZE);
  const container = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  useEffect(() => {
    const saved = Number(readStorage(SIZE_KEY));
    if (Number.isFinite(saved) && saved > 0) setSize(clamp(saved));
  }, []);

  const commit = useCallback((next: number) => {
    const value = clamp(next);
    setSize(value);
    writeStorage(SIZE_KEY, String(value));
  }, []);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const box = container.current?.getBoundingClientRect();
    if (!dragging.current || !box || box.width === 0) return;
    commit(((event.clientX - box.left) / box.width) * 100);
  };
  const onPointerUp = () => {
    dragging.current = false;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves = new Map([
      ['ArrowLeft', size - 5],
      ['ArrowRight', size + 5],
      ['Home', MIN_SIZE],
      ['End', MAX_SIZE],
    ]);
    const next = moves.get(event.key);
    if (next === undefined) return;
    event.preventDefault();
    commit(next);
  };

  return (
    <div
      ref={container}
      className="lesson-split"
      data-maximized={maximized ? 'true' : 'false'}
      style={{ '--lesson-size': `${size}%` } as CSSProperties}
    >
      <div className="lesson-panel">{children}</div>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the lesson and the lab"
        aria-controls="main"
        aria-valuenow={size}
        aria-valuemin={MIN_SIZE}
        aria-valuemax={MAX_SIZE}
        aria-valuetext={`lesson ${size}% of the width`}
        tabIndex={0}
        className="lesson-separator"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        onDoubleClick={() => commit(DEFAULT_SIZE)}
      />
      <div className="lab-panel">
        <LabErrorBoundary>
          <LabPane maximized={maximized} onMaximizedChange={setMaximized} />
        </LabErrorBoundary>
      </div>
    </div>
  );
}
