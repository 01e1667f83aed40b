'use client';

/**
 * Whatever breaks inside the lab pane (a saved lab the engine cannot draw, a bug), the lesson
 * around it keeps working, and the learner gets one way out: discard this lab's save and start
 * it afresh. Only this lab's save goes; progress and the labs of other lessons stay (issue 13,
 * finding 1: the only way out used to be clearing all site data).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { forgetLab } from '@/lib/lab/saved-lab';
import { useLab } from './LabProvider';

interface BoundaryProps {
  /** Forgets the save and starts the lab afresh; the pane is drawn again once it resolves. */
  discard: () => Promise<void>;
  className: string;
  children: ReactNode;
}

interface BoundaryState {
  error: Error | null;
  discarding: boolean;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, discarding: false };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Docknet: the lab pane failed', error, info.componentStack);
  }

  private readonly onDiscard = async () => {
    this.setState({ discarding: true });
    try {
      await this.props.discard();
    } finally {
      this.setState({ error: null, discarding: false });
    }
  };

  override render(): ReactNode {
    const { error, discarding } = this.state;
    if (!error) return this.props.children;
    return (
      <section aria-label="Lab" className={this.props.className} data-testid="lab-failed">
        <div className="m-3 rounded-lg border border-red-500/40 bg-red-950/40 p-4 text-sm text-red-100" role="alert">
          <p className="font-semibold">The lab stopped working.</p>
          <p className="mt-2">
            Its saved state may be damaged ({error.message}). Discarding it starts this lab afresh; your progress and
            the labs of other lessons are kept.
          </p>
          <button type="button" className="btn btn-primary mt-3" disabled={discarding} onClick={() => void this.onDiscard()}>
            {discarding ? 'Discarding…' : 'Discard this saved lab'}
          </button>
        </div>
      </section>
    );
  }
}

export function LabErrorBoundary({ className = 'lab-pane', children }: { className?: string; children: ReactNode }) {
  const { config, lab, reset, retry } = useLab();
  const discard = async () => {
    forgetLab(config.labKey);
    // With an engine loaded, reset builds the starting lab at once; otherwise start loading over.
    if (lab) await reset();
    else retry();
  };
  return (
    <Boundary discard={discard} className={className}>
      {children}
    </Boundary>
  );
}
