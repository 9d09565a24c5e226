/**
 * The references of a shot's plan: each with its picture, role and version, and what stands in
 * the way of generating from it (not locked, not cleared yet, at risk and why). Attaching,
 * removing or moving to the locked version saves a new plan version; a version saved meanwhile
 * is reported, never overwritten, and a locked plan says so.
 */
import { ApiError } from '@backlot/contracts/client';
import type { PlanReference, Shot } from '@backlot/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { LoadError } from '../../shared/ui/page.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { AssetThumb } from '../../shared/production/asset-card.tsx';
import { KIND_NAMES, ROLE_NAMES } from '../../shared/production/asset-words.ts';
import { RiskReasons, RiskTag } from '../../shared/production/rights-tags.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { AttachReferenceDialog } from './attach-reference.dialog.tsx';

export interface PlanReferencesProps {
  shot: Shot;
  /** Unsaved edits in the plan form: a reference change would make them stale, so it waits. */
  dirty: boolean;
  /** Loads the shot again (its new plan version and rights). */
  onChanged: () => Promise<void>;
}

interface Stale {
  version: number;
  by: string;
  at: string;
}

const strip = (r: PlanReference): PlanReference => ({ assetId: r.assetId, version: r.version, role: r.role });

export function PlanReferences({ shot, dirty, onChanged }: PlanReferencesProps) {
  const { project, mayChange } = useProject();
  const params = { projectId: project.id, shotId: shot.id };
  const refs = useLoad(keys.assets.references(project.id, shot.id, shot.planVersion), () => api.shotReferences({ params }));
  const [attaching, setAttaching] = useState(false);
  const [stale, setStale] = useState<Stale>();
  const editable = mayChange('asset.edit') && !shot.locked;
  const list = refs.data?.references ?? [];
  const current = list.map(strip);

  /** Saves the references as a new plan version; answers false when a newer version was saved meanwhile (the banner says so). */
  async function saveReferences(next: PlanReference[]): Promise<boolean> {
    try {
      await api.setShotReferences({ params, body: { references: next, baseVersion: shot.planVersion } });
      await onChanged();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'plan.stale') {
        const { versions } = await api.planVersions({ params });
        const newest = versions[0];
        setStale({ version: newest?.version ?? shot.planVersion, by: newest?.author.name ?? 'someone', at: newest?.at ?? '' });
        return false;
      }
      // Someone locked the plan meanwhile: show it locked.
      if (err instanceof ApiError && err.code === 'plan.locked') void onChanged();
      throw err;
    }
  }
  const save = useAction(saveReferences);
  const blocked = dirty ? 'Save or discard your changes to the plan first' : stale ? 'Reload the newer version first' : undefined;

  return (
    <section className="plan-group plan-references" aria-labelledby="references-title">
      <div className="references-head">
        <h2 className="plan-group-title" id="references-title">
          References <span className="muted">({list.length})</span>
        </h2>
        {editable && (
          <Button small disabled={!!blocked} title={blocked ?? 'Attach a reference from the library (a new plan version)'} onClick={() => setAttaching(true)}>
            Attach reference
          </Button>
        )}
      </div>
      {stale && (
        <Banner
          tone="warn"
          action={
            <Button small variant="primary" onClick={() => void onChanged().then(() => setStale(undefined))}>
              Reload version {stale.version}
            </Button>
          }
        >
          Someone saved version {stale.version} since you opened this ({stale.by}
          {stale.at ? `, ${formatWhen(stale.at)}` : ''}). Reload to see it; the references were not changed.
        </Banner>
      )}
      {save.error ? <Banner tone="error">{messageOf(save.error)}</Banner> : null}
      {refs.error && !refs.data ? <LoadError error={refs.error} retry={refs.reload} /> : null}
      {dirty && editable && <div className="field-hint">Save or discard your changes to the plan before changing its references.</div>}
      {refs.data && list.length === 0 && (
        <p className="list-empty">No references yet. {editable ? 'Attach the characters, wardrobe, location and props this shot must match.' : 'Members who edit references attach them here.'}</p>
      )}
      {list.length > 0 && (
        <ul className="ref-list" aria-label="References of the plan">
          {list.map((r, i) => {
            const others = current.filter((_, k) => k !== i);
            return (
              <li key={`${r.assetId}-${r.role}`} className={r.rights.atRisk ? 'ref-row ref-row-risk' : 'ref-row'} aria-label={`${r.name} as ${ROLE_NAMES[r.role].toLowerCase()}`}>
                <AssetThumb url={r.thumbnailUrl} kind={r.kind} className="ref-thumb" />
                <div className="ref-main">
                  <div className="ref-line">
                    <Link to={`/projects/${project.id}/assets/${r.assetId}`} className="ref-name">
                      {r.name}
                    </Link>
                    <span className="muted">{KIND_NAMES[r.kind]}</span>
                  </div>
                  <div className="ref-line">
                    <span>as {ROLE_NAMES[r.role].toLowerCase()}</span>
                    <span className="mono">v{r.version}</span>
                    {r.lockedVersion === null && <Tag tone="warn">not locked</Tag>}
                    {r.lockedVersion !== null && r.lockedVersion !== r.version && <Tag tone="warn">not the locked version (v{r.lockedVersion})</Tag>}
                    {r.lockedVersion === r.version && <Tag tone="ok">✓ locked</Tag>}
                    {r.clearance !== 'cleared' && !r.rights.atRisk && <Tag tone="warn">not cleared yet</Tag>}
                    <RiskTag rights={r.rights} />
                  </div>
                  <RiskReasons rights={r.rights} />
                </div>
                {editable && (
                  <div className="ref-actions">
                    {r.lockedVersion !== null && r.lockedVersion !== r.version && (
                      <Button small disabled={!!blocked || save.pending} title={blocked} onClick={() => void save.run(current.map((x, k) => (k === i ? { ...x, version: r.lockedVersion! } : x)))}>
                        Use v{r.lockedVersion}
                      </Button>
                    )}
                    <Button
                      small
                      variant="ghost"
                      disabled={!!blocked || save.pending}
                      title={blocked}
                      aria-label={`Remove ${r.name} (${ROLE_NAMES[r.role].toLowerCase()})`}
                      onClick={() => void save.run(others)}
                    >
                      Remove
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {attaching && (
        <AttachReferenceDialog
          projectId={project.id}
          shotCode={shot.code}
          current={current}
          onClose={() => setAttaching(false)}
          onAttach={async (reference) => {
            save.clearError();
            await saveReferences([...current, reference]);
            // Saved, or refused as stale: either way the section says what happened next.
            return true;
          }}
        />
      )}
    </section>
  );
}
