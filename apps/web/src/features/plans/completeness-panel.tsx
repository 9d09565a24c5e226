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

/** "ready" or "missing: shot job, camera size" for tables and cards. */
export function CompletenessLine({ completeness }: { completeness: Shot['completeness'] }) {
  if (completeness.complete) return <span className="ok-text">✓ ready</span>;
  return (
    <span className="warn-text" title={`Missing for generation: ${completeness.missing.join(', ')}`}>
      missing: {completeness.missing.join(', ')}
    </span>
  );
}
