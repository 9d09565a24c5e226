/**
 * One reference: its picture as large as the page allows, its versions with their files, the lock,
 * its rights with clearance history and consent records, where it is used, and its tags and notes.
 * The version and view shown are in the address (?version=2&view=side).
 */
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { isNotFound } from '../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useCrumbs } from '../../shared/project/project-crumbs.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { AssetDetails } from './asset-details.tsx';
import { AssetHeader } from './asset-header.tsx';
import { AssetUsage } from './asset-usage.tsx';
import { AssetVersions } from './asset-versions.tsx';
import { AssetViewer } from './asset-viewer.tsx';
import { ConsentsSection } from './consents.section.tsx';
import { RightsPanel } from './rights-panel.tsx';
import { UploadTray } from './upload-progress.tsx';
import { useAfterUpload, useUploads } from './upload-queue.ts';
import { UploadVersionDialog } from './upload-version.dialog.tsx';
import { useAssetView } from './use-asset-view.ts';

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
  const loaded = useLoad(keys.assets.asset(project.id, assetId), () => api.getAsset({ params: { projectId: project.id, assetId } }));
  const [uploading, setUploading] = useState(false);
  const [panels, setPanels] = useState(true);
  const uploads = useUploads(project.id, assetId);
  useAfterUpload(uploads, loaded.reload);

  const detail = loaded.data;
  const asset = detail?.asset;
  useDocumentTitle(asset?.name, project.code);
  useCrumbs(asset ? [{ label: asset.name }] : []);
  const { version, view, files, show, nextView } = useAssetView(detail);

  const editable = mayChange('asset.edit');
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
      <AssetHeader asset={asset} editable={editable} onUpload={() => setUploading(true)} />
      <UploadTray uploads={uploads} />
      {!editable && !project.closed && <Banner>You can look at this reference; your role does not change references.</Banner>}

      <div className={panels ? 'asset-layout' : 'asset-layout asset-layout-full'}>
        <div className="asset-main">
          <AssetViewer projectId={project.id} detail={detail} version={version} view={view} onView={(v) => show({ view: v })} />
          <Section title="Versions" id="versions-title">
            {detail.versions.length === 0 ? (
              <EmptyState title="No version uploaded yet" action={editable ? <Button onClick={() => setUploading(true)}>Upload the first version</Button> : undefined}>
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
        <UploadVersionDialog
          projectId={project.id}
          asset={asset}
          onClose={() => setUploading(false)}
          onUploaded={(v) => {
            setUploading(false);
            show({ version: v });
          }}
        />
      )}
    </>
  );
}
