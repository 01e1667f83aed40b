/**
 * The MDX components of one lesson page, rendered on the server at build time. Besides the
 * author components of mdx-components.tsx, they give each Run block its place (the host, or the
 * container shell an earlier block entered: see lib/terminal/run-place.ts) and a stable step id
 * (for the ✓ that survives a reload), and each section heading an id (for the table of contents).
 *
 * Blocks are numbered in page order: React renders a server tree depth-first, in order.
 * Exercise bodies start from a fresh lab of their own, so they get a fresh place tracker. A block
 * with `host=host2` types into host2's terminal tab; one without, into the lab's first host's.
 */
import { Children, isValidElement, type ComponentPropsWithoutRef, type ReactElement, type ReactNode } from 'react';
import { Exercise } from '@/components/mdx/Exercise';
import { mdxComponents } from '@/components/mdx/mdx-components';
import { Run } from '@/components/mdx/Run';
import { RunBlock } from '@/components/mdx/RunBlock';
import { parseCommands } from '@/lib/lab/exercise-lab';
import { firstHostOf } from '@/lib/content/lab-world';
import { parseRunCommands } from '@/lib/content/run-commands';
import { createRunPlaceTracker } from '@/lib/terminal/run-place';

export function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return Children.toArray(node.props.children).map(textOf).join('');
  return '';
}

export function headingId(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[`'"’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section'
  );
}

/**
 * Code blocks are not tab stops (rehype-pretty-code makes every <pre> one, for scrolling): their
 * lines wrap instead of scrolling, and a runnable block's stop is its Run button.
 */
function CodeBlock({ tabIndex: _tabIndex, ...props }: ComponentPropsWithoutRef<'pre'>) {
  return <pre {...props} />;
}

function SectionHeading(props: ComponentPropsWithoutRef<'h2'>) {
  return <h2 id={headingId(textOf(props.children))} {...props} />;
}

/** `lab`: the lesson's hosts; `exercises`: those with hosts of their own (their blocks start there). */
export function lessonComponents(lab: { hosts: readonly string[] }, exercises: readonly { id: string; hosts?: string[] | undefined }[] = []) {
  const firstHost = firstHostOf(lab);
  const newScope = (first: string, prefix: string) => ({ first, track: createRunPlaceTracker(first), prefix, count: 0 });
  let scope = newScope(firstHost, 'run');
  const lessonScope = scope;
  const nextStep = () => `${scope.prefix}-${scope.count++}`;

  function PlacedRunBlock({ commands, host, children }: { commands: string; host?: string; children?: ReactNode }) {
    const tab = host ?? scope.first;
    const where = scope.track.next(parseCommands(commands), tab);
    return (
      <RunBlock commands={commands} host={tab} where={where} stepId={nextStep()}>
        {children}
      </RunBlock>
    );
  }

  function PlacedRun({ host, children }: { host?: string; children?: ReactNode }) {
    const lines = parseRunCommands(Children.toArray(children).map(textOf).join('\n'));
    const tab = host ?? scope.first;
    return (
      <Run host={tab} where={scope.track.next(lines, tab)} stepId={nextStep()}>
        {children}
      </Run>
    );
  }

  function EnterExercise({ id }: { id: string }) {
    const own = exercises.find((e) => e.id === id)?.hosts;
    scope = newScope(own ? firstHostOf({ hosts: own }) : firstHost, `exercise-${id}-run`);
    return null;
  }
  function LeaveExercise() {
    scope = lessonScope;
    return null;
  }

  function PlacedExercise({ id, children }: { id: string; children?: ReactNode }) {
    return (
      <Exercise id={id}>
        <EnterExercise id={id} />
        {children}
        <LeaveExercise />
      </Exercise>
    );
  }

  return { ...mdxComponents, RunBlock: PlacedRunBlock, Run: PlacedRun, Exercise: PlacedExercise, h2: SectionHeading, pre: CodeBlock };
}

export interface Heading {
  id: string;
  text: string;
}

/**
 * The lesson's sections (its `##` headings), read from the MDX element tree without rendering
 * it: MDX content is a plain function of its components that returns elements.
 */
export function lessonHeadings(content: (props: { components: Record<string, unknown> }) => ReactNode, components: Record<string, unknown>): Heading[] {
  const headings: Heading[] = [];
  const visit = (node: ReactNode) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isValidElement<{ children?: ReactNode }>(node)) return;
    const element = node as ReactElement<{ children?: ReactNode }>;
    if (element.type === components.h2) {
      const text = textOf(element.props.children);
      headings.push({ id: headingId(text), text });
      return;
    }
    if (typeof element.type !== 'function') visit(element.props.children);
  };
  visit(content({ components }));
  return headings;
}
