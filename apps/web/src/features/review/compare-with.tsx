/** From a take's page, by mouse: "Compare with…" opens a list of the shot's other takes with a picture, each opening the comparison of the two. */
import type { Take } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { ReviewBadge } from '../../shared/production/take-status.tsx';

export function CompareWith({ projectId, take, siblings }: { projectId: string; take: Take; siblings: Take[] }) {
  const others = siblings.filter((t) => t.id !== take.id && t.media).sort((a, b) => b.number - a.number);
  if (!take.media || others.length === 0) return null;
  return (
    <details className="compare-with">
      <summary className="btn btn-plain">Compare with…</summary>
      <ul className="compare-with-list" aria-label={`Compare ${take.code} with`}>
        {others.map((t) => (
          <li key={t.id}>
            <Link to={`/projects/${projectId}/compare?ids=${take.id},${t.id}`} aria-label={`Compare with ${t.code}`}>
              <span className="mono">{t.code}</span> <ReviewBadge review={t.review} />
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
