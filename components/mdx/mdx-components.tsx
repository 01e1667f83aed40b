/** The components lesson authors can use in MDX, by name (see docs in the README of content/). */
import type { ComponentPropsWithoutRef } from 'react';
import { Note, Tip, Warning } from './Callout';
import { Exercise } from './Exercise';
import { Run } from './Run';
import { RunBlock } from './RunBlock';
import { TerminalSlot } from './TerminalSlot';
import { TopologySlot } from './TopologySlot';

function Table(props: ComponentPropsWithoutRef<'table'>) {
  return (
    <div className="table-wrap">
      <table {...props} />
    </div>
  );
}

function Anchor({ href = '', ...rest }: ComponentPropsWithoutRef<'a'>) {
  const external = /^https?:\/\//.test(href);
  return <a href={href} {...rest} {...(external ? { target: '_blank', rel: 'noreferrer' } : {})} />;
}

export const mdxComponents = {
  Run,
  RunBlock,
  Terminal: TerminalSlot,
  Topology: TopologySlot,
  Note,
  Tip,
  Warning,
  Exercise,
  table: Table,
  a: Anchor,
};
