/** Callouts for lesson authors: <Note>, <Tip>, <Warning>. Each is a labelled note for assistive tech. */
import type { ReactNode } from 'react';

type Kind = 'note' | 'tip' | 'warning';

const LABEL: Record<Kind, string> = { note: 'Note', tip: 'Tip', warning: 'Warning' };

function Icon({ kind }: { kind: Kind }) {
  const common = { 'aria-hidden': true, viewBox: '0 0 20 20', className: 'h-5 w-5 shrink-0', fill: 'none', stroke: 'currentColor', strokeWidth: 1.6 } as const;
  if (kind === 'warning') {
    return (
      <svg {...common}>
        <path d="M10 3 2.5 16.5h15L10 3Z" strokeLinejoin="round" />
        <path d="M10 8v4M10 14.2v.3" strokeLinecap="round" />
      </svg>
    );
  }
  if (kind === 'tip') {
    return (
      <svg {...common}>
        <path d="M7 14h6M8 17h4M10 2.8a5 5 0 0 0-3 9c.6.5 1 1.2 1 2h4c0-.8.4-1.5 1-2a5 5 0 0 0-3-9Z" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <circle cx="10" cy="10" r="7.5" />
      <path d="M10 9v5M10 6.2v.3" strokeLinecap="round" />
    </svg>
  );
}

function Callout({ kind, title, children }: { kind: Kind; title?: string; children?: ReactNode }) {
  return (
    <div role="note" aria-label={title ? `${LABEL[kind]}: ${title}` : LABEL[kind]} className={`callout callout-${kind}`}>
      <Icon kind={kind} />
      <div className="callout-body">
        <p className="callout-title">{title ?? LABEL[kind]}</p>
        {children}
      </div>
    </div>
  );
}

export const Note = (props: { title?: string; children?: ReactNode }) => <Callout kind="note" {...props} />;
export const Tip = (props: { title?: string; children?: ReactNode }) => <Callout kind="tip" {...props} />;
export const Warning = (props: { title?: string; children?: ReactNode }) => <Callout kind="warning" {...props} />;
