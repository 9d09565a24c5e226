/** The Handoff page: the package for editorial, and an editor's cut read back. */
import { useState } from 'react';
import { CutImportDialog } from '../../features/handoff/cut-import.dialog.tsx';
import { HandoffPanel } from '../../features/handoff/handoff-panel.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { PageHeader } from '../../shared/ui/page.tsx';

export function HandoffPage() {
  const [importing, setImporting] = useState(false);
  return (
    <div className="page">
      <NeedsPermission action="handoff.export" what="hand off takes to editorial">
        <PageHeader title="Handoff" sub="Approved takes for editorial: media under predictable names, timelines for every editing application, notes as markers, and where each clip came from.">
          <Button onClick={() => setImporting(true)}>Import a cut…</Button>
        </PageHeader>
        <HandoffPanel />
        {importing && <CutImportDialog onClose={() => setImporting(false)} />}
      </NeedsPermission>
    </div>
  );
}
