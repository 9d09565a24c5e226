/** One reference in the library: its picture, name, kind, clearance (and why it is at risk), lock and tags. */
import type { Asset } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { KIND_NAMES } from './asset-words.ts';
import { ClearanceTag, LockLabel, RiskReasons, RiskTag } from './rights-tags.tsx';

export function AssetThumb({ url, kind, className }: { url: string | null; kind: Asset['kind']; className?: string }) {
  return (
    <div className={['asset-thumb', className ?? ''].filter(Boolean).join(' ')}>
      {url ? <img src={url} alt="" loading="lazy" decoding="async" /> : <span className="asset-thumb-empty">{kind === 'audio' ? '♪' : 'no picture yet'}</span>}
    </div>
  );
}

export function AssetCard({ projectId, asset }: { projectId: string; asset: Asset }) {
  return (
    <li className={asset.rights.atRisk ? 'asset-card asset-card-risk' : 'asset-card'} aria-label={asset.name} data-asset-id={asset.id}>
      <Link to={`/projects/${projectId}/assets/${asset.id}`} className="asset-card-link">
        <AssetThumb url={asset.thumbnailUrl} kind={asset.kind} />
        <div className="asset-card-body">
          <div className="asset-card-name">{asset.name}</div>
          <div className="asset-card-meta">
            <span>{KIND_NAMES[asset.kind]}</span>
            <span className="faint">·</span>
            <LockLabel lockedVersion={asset.lockedVersion} currentVersion={asset.currentVersion} />
          </div>
          <div className="asset-card-tags">
            <ClearanceTag clearance={asset.clearance} />
            <RiskTag rights={asset.rights} />
          </div>
          <RiskReasons rights={asset.rights} />
          {asset.tags.length > 0 && (
            <fieldset className="asset-card-labels fieldset-bare" aria-label="Tags">
              {asset.tags.map((t) => (
                <span key={t} className="asset-label">
                  {t}
                </span>
              ))}
            </fieldset>
          )}
        </div>
      </Link>
    </li>
  );
}
