/**
 * The rights of a shot, at the top of its plan: at risk (in red, with every reason) when a
 * reference it uses may not be used now or its approved take was made with references now at
 * risk, and what else to settle before generating (references not locked, not cleared yet).
 */
import type { Shot } from '@backlot/contracts';

export function ShotRights({ rights, approvedTakeRisk = null }: { rights: Shot['rights']; approvedTakeRisk?: Shot['approvedTakeRisk'] }) {
  const notes = rights.notes.filter((n) => !rights.reasons.includes(n));
  if (!rights.atRisk && !approvedTakeRisk && notes.length === 0) return null;
  return (
    <div className="shot-rights">
      {approvedTakeRisk && (
        <section className="rights-alert" role="alert" aria-label="Approved take at risk">
          <h2 className="rights-alert-title">⚠ The approved take {approvedTakeRisk.code} was made with references now at risk</h2>
          <ul className="rights-reasons">
            {approvedTakeRisk.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      {rights.atRisk && (
        <section className="rights-alert" role="alert" aria-label="Shot at risk">
          <h2 className="rights-alert-title">⚠ At risk: a take generated now could not be used</h2>
          <ul className="rights-reasons">
            {rights.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      {notes.length > 0 && (
        <section className="rights-notes" aria-label="References to settle">
          <h2 className="rights-notes-title">Before generating</h2>
          <ul className="rights-reasons">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
