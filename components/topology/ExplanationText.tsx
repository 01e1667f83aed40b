/**
 * An explained path (Lab.explainPath) in words: the verdict, the reason, and every hop, with the
 * rule that decided as `iptables -S` prints it. Shown in the picture's panel and under a failed
 * check; small, so a lesson page can carry it without the picture's code.
 */
import type { PathExplanation } from '@/engine';

export const VERDICT_WORDS: Record<PathExplanation['verdict'], string> = {
  delivered: 'Delivered',
  dropped: 'Dropped',
  'no-route': 'No route',
  refused: 'Refused',
  'no-name': 'Name not found',
};

/** The explanation in words: the verdict, the reason, and every hop (rules as iptables -S prints them). */
export function ExplanationText({ explanation, headingLevel = 4 }: { explanation: PathExplanation; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const last = explanation.hops.length - 1;
  return (
    <div className="explain-result" data-testid="explain-result" data-verdict={explanation.verdict}>
      <Heading className="explain-verdict">
        <span className={`explain-pill is-${explanation.verdict}`}>{VERDICT_WORDS[explanation.verdict]}</span>{' '}
        <span className="explain-what">
          {explanation.from} → {explanation.to}
          {explanation.address && explanation.address !== explanation.to ? ` (${explanation.address})` : ''}
          {explanation.proto === 'icmp' ? ', ping' : `, ${explanation.proto} port ${explanation.port}`}
        </span>
      </Heading>
      <p className="explain-reason">{explanation.reason}</p>
      {explanation.hops.length > 0 ? (
        <ol className="explain-hops" aria-label="The path, hop by hop">
          {explanation.hops.map((hop, index) => (
            <li
              key={index}
              data-step={hop.step}
              data-direction={hop.direction}
              data-end={index === last && explanation.verdict !== 'delivered' ? 'true' : undefined}
              className={hop.underlay ? 'is-underlay' : undefined}
            >
              {hop.direction === 'back' && (index === 0 || explanation.hops[index - 1]!.direction !== 'back') ? <span className="explain-back">the answer: </span> : null}
              {hop.rule ? (
                <>
                  {hop.text.slice(0, hop.text.indexOf(hop.rule.text))}
                  <code>{hop.rule.text}</code>
                  {hop.text.slice(hop.text.indexOf(hop.rule.text) + hop.rule.text.length)}
                </>
              ) : (
                hop.text
              )}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

