/** The exact request sent (or to be sent) to a provider, as JSON in monospace, folded until asked for, with a copy button. */
import type { Adaptation, CompiledRequest } from '@backlot/contracts';
import { CopyButton } from '../../shared/ui/copy-button.tsx';

export function RequestView({ request, open, label = 'The exact request' }: { request: CompiledRequest; open?: boolean; label?: string }) {
  const json = JSON.stringify(request, null, 2);
  return (
    <details className="request" open={open}>
      <summary>
        {label}{' '}
        <span className="mono muted">
          {request.method} {request.url}
        </span>
      </summary>
      <div className="request-body">
        <div className="request-copy">
          <CopyButton text={json} label="Copy JSON" small />
        </div>
        <section aria-label={label}>
          <pre className="request-json mono">{json}</pre>
        </section>
      </div>
    </details>
  );
}

/** What the model cannot honour in the plan, and what was done about each. */
export function AdaptationList({ adaptations }: { adaptations: Adaptation[] }) {
  if (adaptations.length === 0) return <p className="muted small">The model honours everything in the plan.</p>;
  return (
    <ul className="adaptations" aria-label="What the model cannot honour">
      {adaptations.map((a, i) => (
        <li key={i}>
          <span className={a.action === 'dropped' ? 'warn-text' : undefined}>{a.action === 'dropped' ? 'Dropped' : 'Adapted'}:</span> {a.what}
          <span className="muted"> — {a.why}</span>
        </li>
      ))}
    </ul>
  );
}
