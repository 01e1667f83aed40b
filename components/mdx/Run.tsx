'use client';

/**
 * `<Run>` used inside a sentence (block `<Run>`s become RunBlocks at build time): the command as
 * inline code followed by a small Run button.
 */
import { Children, isValidElement, type ReactNode } from 'react';
import { parseRunCommands } from '@/lib/content/run-commands';
import type { RunPlace } from '@/lib/terminal/describe-place';
import { RunButton } from './RunBlock';

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return Children.toArray(node.props.children).map(textOf).join('\n');
  return '';
}

/** `host`: the host whose terminal tab runs it (`<Run host="host2">`); default the lab's first. */
export function Run({ children, host, where, stepId }: { children?: ReactNode; host?: string; where?: RunPlace; stepId?: string }) {
  const text = textOf(children);
  const lines = parseRunCommands(text);
  return (
    <span className="run-inline">
      <code>{lines.join('; ')}</code>
      <RunButton lines={lines} host={host} where={where ?? (host ? { host, container: null } : undefined)} stepId={stepId} compact />
    </span>
  );
}
