/**
 * The small signals a take carries wherever it is named: its generation status (text with a
 * spinner or progress bar, never a review colour), its review state (one colour each, always with
 * its name) and the worst of its continuity checks (icon and word).
 */
import type { ContinuityResult, ReviewState, Take } from '@backlot/contracts';
import { isTerminal, RESULT_WORDS, REVIEW_NAMES, STATUS_HINTS, statusLine, worstContinuity } from './take-words.ts';

export function GenerationStatus({ take }: { take: Pick<Take, 'status' | 'progress' | 'error'> }) {
  const working = !isTerminal(take.status);
  const percent = take.status === 'running' && take.progress !== null ? Math.round(take.progress * 100) : undefined;
  return (
    <span className={`gen-status gen-${take.status}`} title={take.error ? take.error.message : STATUS_HINTS[take.status]}>
      {working && <span className="spinner" aria-hidden />}
      <span className="gen-status-text">{statusLine(take)}</span>
      {working && (
        <progress className="gen-bar" max={100} value={percent} aria-label="Generation progress">
          {percent ?? ''}
        </progress>
      )}
    </span>
  );
}

export function ReviewBadge({ review }: { review: ReviewState }) {
  return (
    <span className={`review review-${review}`} title={`Review: ${REVIEW_NAMES[review]}`}>
      <span className="review-mark" aria-hidden>
        {review === 'approved' ? '✓' : ''}
      </span>
      {REVIEW_NAMES[review]}
    </span>
  );
}

/** One check's result: an icon and a word, in the result's colour. */
export function ResultWord({ result }: { result: ContinuityResult['result'] }) {
  const { icon, word } = RESULT_WORDS[result];
  return (
    <span className={`result result-${result}`}>
      <span aria-hidden>{icon}</span> {word}
    </span>
  );
}

/** "✓ continuity pass", "! 2 of 6 checks warn", or nothing before the checks ran. */
export function ContinuitySummary({ results }: { results: ContinuityResult[] }) {
  const worst = worstContinuity(results);
  if (!worst) return null;
  const { icon, word } = RESULT_WORDS[worst.result];
  const label = worst.result === 'pass' ? `continuity ${word}` : `${worst.count} of ${worst.total} ${worst.total === 1 ? 'check' : 'checks'} ${word}`;
  return (
    <span className={`result result-${worst.result}`} title={results.map((r) => `${r.check}: ${r.result}`).join('\n')}>
      <span aria-hidden>{icon}</span> {label}
    </span>
  );
}
