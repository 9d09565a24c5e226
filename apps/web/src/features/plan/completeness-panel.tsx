/** What the saved plan still lacks before a take may be generated from it, in a short list. */
import type { Shot } from '@backlot/contracts';

export function CompletenessPanel({ completeness, dirty }: { completeness: Shot['completeness']; dirty: boolean }) {
  return (
    <section className={completeness.complete ? 'side-panel side-panel-ok' : 'side-panel side-panel-warn'} aria-label="Missing for generation">
      <h2 className="side-panel-title">Missing for generation</h2>
      {completeness.complete ? (
        <p className="side-panel-text ok-text">Nothing: the plan is complete enough to generate from.</p>
      ) : (
        <ul className="missing-list">
          {completeness.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {dirty && <p className="field-hint">As last saved; your unsaved changes are not counted yet.</p>}
    </section>
  );
}

/**
 * "✓ ready" only when the server says the shot is ready (plan complete, no reference at risk, its
 * approved take not at risk); otherwise what is missing, or "at risk" with the reasons — so a list
 * never shows "ready" beside "at risk".
 */
export function ReadinessLine({ shot }: { shot: Pick<Shot, 'completeness' | 'readiness'> }) {
  if (shot.readiness.ready) return <span className="ok-text">✓ ready</span>;
  if (!shot.completeness.complete) {
    return (
      <span className="warn-text" title={`Missing for generation: ${shot.completeness.missing.join(', ')}`}>
        missing: {shot.completeness.missing.join(', ')}
      </span>
    );
  }
  return (
    <span className="danger-text" title={shot.readiness.reasons.join('\n')}>
      not ready: at risk
    </span>
  );
}
