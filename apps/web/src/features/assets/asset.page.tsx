/**
 * One reference: its picture as large as the page allows, its versions with their files, the lock,
 * its rights with clearance history and consent records, where it is used, and its tags and notes.
 * The version and view shown are in the address (?version=2&view=side).
 */
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { isNotFound } from '../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useCrumbs } from '../../shared/project/project-crumbs.ts';
import { AssetDetails } from './asset-details.tsx';
import { AssetUsage } from './asset-usage.tsx';
import { AssetVersions } from './asset-versions.tsx';
import { AssetViewer } from './asset-viewer.tsx';
import { KIND_NAMES, preferredVersion } from '../../shared/production/asset-words.ts';
import { ConsentsSection } from './consents.section.tsx';
import { RightsPanel } from './rights-panel.tsx';
import { ClearanceTag, LockLabel } from '../../shared/production/rights-tags.tsx';
import { UploadPanel } from './upload-panel.tsx';
import { UploadTray } from './upload-progress.tsx';
import { useAfterUpload, useUploads } from './upload-queue.ts';

export function AssetPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="project.read" what="see references">
        <AssetRecord />
      </NeedsPermission>
    </div>
  );
}

function AssetRecord() {
  const { project, mayChange } = useProject();
  const { assetId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const loaded = useLoad(keys.assets.asset(project.id, assetId), () => api.getAsset({ params: { projectId: project.id, assetId } }));
  const [uploading, setUploading] = useState(false);
  const [panels, setPanels] = useState(true);
  const uploads = useUploads(project.id, assetId);
  useAfterUpload(uploads, loaded.reload);

  const detail = loaded.data;
  const asset = detail?.asset;
  useDocumentTitle(asset?.name, project.code);
  useCrumbs(asset ? [{ label: asset.name }] : []);

  const wanted = Number(search.get('version')) || (asset ? preferredVersion(asset) : 0);
  const version = detail?.versions.find((v) => v.version === wanted) ?? detail?.versions[0];
  const view = search.get('view') ?? undefined;
  const show = (patch: { version?: number; view?: string }) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (patch.version !== undefined) {
          next.set('version', String(patch.version));
          next.delete('view');
        }
        if (patch.view !== undefined) next.set('view', patch.view);
        return next;
      },
      { replace: true },
    );

  const editable = mayChange('asset.edit');
  const files = version?.files ?? [];
  const nextView = () => {
    const at = files.findIndex((f) => f.view === (view ?? files[0].view));
    show({ view: files[(at + 1) % files.length].view });
  };
  useShortcuts([
    ...(files.length > 1 ? [{ keys: ['v'], label: 'v', help: 'Next view of the sheet', run: nextView }] : []),
    { keys: ['p'], label: 'p', help: 'Hide or show the rights and details beside the picture', run: () => setPanels((on) => !on) },
    ...(editable ? [{ keys: ['u'], label: 'u', help: 'Upload a new version', run: () => setUploading(true) }] : []),
  ]);

  if (loaded.error && !detail) {
    if (isNotFound(loaded.error)) {
      return (
        <EmptyState title="No such reference" action={<LinkButton to={`/projects/${project.id}/assets`}>Back to the references</LinkButton>}>
          This reference does not exist in {project.code}, or the address is mistyped.
        </EmptyState>
      );
    }
    return <LoadError error={loaded.error} retry={loaded.reload} />;
  }
  if (!detail || !asset) return <Loading what="Loading the reference" />;

  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">{asset.name}</h1>
          <div className="page-sub">
            {KIND_NAMES[asset.kind]} ·{' '}
            {asset.currentVersion > 0 && (
              <>
                {asset.currentVersion} {asset.currentVersion === 1 ? 'version' : 'versions'} ·{' '}
              </>
            )}
            <LockLabel lockedVersion={asset.lockedVersion} currentVersion={asset.currentVersion} />{' '}
            <ClearanceTag clearance={asset.clearance} />
          </div>
        </div>
        <div className="page-actions">
          {editable && (
            <Button variant="primary" onClick={() => setUploading(true)} title="Upload a new version (u)">
              {asset.currentVersion === 0 ? 'Upload the first version' : 'Upload a new version'}
            </Button>
          )}
        </div>
      </div>
      {asset.rights.atRisk && (
        <Banner tone="error">
          <strong>⚠ At risk.</strong> {asset.rights.reasons.join('. ')}. Shots that use {asset.name} are at risk until this is resolved.
        </Banner>
      )}
      <UploadTray uploads={uploads} />
      {!editable && !project.closed && <Banner>You can look at this reference; your role does not change references.</Banner>}

      <div className={panels ? 'asset-layout' : 'asset-layout asset-layout-full'}>
        <div className="asset-main">
          <AssetViewer projectId={project.id} detail={detail} version={version} view={view} onView={(v) => show({ view: v })} />
          <Section title="Versions" id="versions-title">
            {detail.versions.length === 0 ? (
              <EmptyState
                title="No version uploaded yet"
                action={
                  editable ? <Button onClick={() => setUploading(true)}>Upload the first version</Button> : undefined
                }
              >
                A version is one file, or for a sheet one file per view (front, side, back).
              </EmptyState>
            ) : (
              <AssetVersions projectId={project.id} detail={detail} shown={version?.version} onShow={(v) => show({ version: v })} editable={editable} onChanged={loaded.reload} />
            )}
          </Section>
          <Section title="Used in" id="usage-title">
            <AssetUsage projectId={project.id} detail={detail} />
          </Section>
        </div>
        <aside className="asset-aside" aria-label="Rights and details" hidden={!panels}>
          <RightsPanel projectId={project.id} detail={detail} manage={mayChange('clearance.manage')} editable={editable} onChanged={loaded.reload} />
          <ConsentsSection projectId={project.id} detail={detail} manage={mayChange('clearance.manage')} onChanged={loaded.reload} />
          <AssetDetails key={asset.id} projectId={project.id} asset={asset} editable={editable} onSaved={loaded.reload} />
        </aside>
      </div>

      {uploading && (
        <Dialog title={`Upload version ${asset.currentVersion + 1} of ${asset.name}`} onClose={() => setUploading(false)} wide footer={<Button onClick={() => setUploading(false)}>Close</Button>}>
          <p className="muted">The upload goes on if you close this; the new version is not locked until you lock it.</p>
          <UploadPanel
            projectId={project.id}
            asset={asset}
            onUploaded={(r) => {
              setUploading(false);
              show({ version: r.version });
            }}
          />
        </Dialog>
      )}
    </>
  );
}
