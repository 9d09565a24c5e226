/** The reference library's head (how many references, how many at risk, and adding one) and what it says while empty. */
import type { Asset } from '@backlot/contracts';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { PageHeader } from '../../shared/ui/page.tsx';

/** The library's head: how many references, how many at risk, and adding one. */
export function LibraryHeader({ assets, editable, onAdd }: { assets: Asset[]; editable: boolean; onAdd: () => void }) {
  const atRisk = assets.filter((a) => a.rights.atRisk).length;
  const sub = (
    <>
      {assets.length} {assets.length === 1 ? 'reference' : 'references'}
      {atRisk > 0 && (
        <>
          {' · '}
          <span className="danger-text">⚠ {atRisk} at risk</span>
        </>
      )}
    </>
  );
  return (
    <PageHeader title="Assets" sub={sub}>
      {editable && (
        <Button variant="primary" onClick={onAdd} title="Add a reference (n)">
          Add a reference
        </Button>
      )}
    </PageHeader>
  );
}

/** An empty library: what references are, and adding the first for those who may. */
export function EmptyLibrary({ editable, closed, onAdd }: { editable: boolean; closed: boolean; onAdd: () => void }) {
  const action = editable ? (
    <Button variant="primary" onClick={onAdd}>
      Add a reference
    </Button>
  ) : undefined;
  return (
    <EmptyState title="No references yet" action={action}>
      Characters, wardrobe, locations, props, frame anchors, reference video, audio and looks that shots are generated from — each with its versions, a locked version and its rights.{' '}
      {editable ? 'Add the first one and upload its pictures.' : closed ? 'The project is closed.' : 'Members who manage references add them here.'}
    </EmptyState>
  );
}
