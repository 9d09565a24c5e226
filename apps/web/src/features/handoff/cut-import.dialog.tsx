/** An editor's cut, back in: choose the file, read the change report, apply exactly what was shown. */
import type { CutReport } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';

export function CutImportDialog({ onClose }: { onClose: () => void }) {
  const { project, mayChange } = useProject();
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [report, setReport] = useState<CutReport | null>(null);
  const [applied, setApplied] = useState(false);
  const read = useAction((f: { fileName: string; content: string }) => api.previewCut({ params: { projectId: project.id }, body: f }));
  const apply = useAction((f: { fileName: string; content: string }, reportHash: string) => api.applyCut({ params: { projectId: project.id }, body: { ...f, reportHash } }), {
    invalidates: [keys.plan.all(project.id), keys.takes.all(project.id), keys.handoff.all(project.id)],
  });

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    if (!chosen) return;
    const f = { fileName: chosen.name, content: await chosen.text() };
    setFile(f);
    setApplied(false);
    setReport((await read.run(f)) ?? null);
  }

  const canApply = mayChange('cut.apply');
  return (
    <Dialog
      title="Import an editor's cut"
      onClose={onClose}
      wide
      footer={
        <>
          <Button onClick={onClose}>{applied ? 'Close' : 'Cancel'}</Button>
          {report?.changes && !applied && canApply && (
            <Button
              variant="primary"
              pending={apply.pending}
              onClick={async () => {
                if (file && (await apply.run(file, report.reportHash))) setApplied(true);
              }}
            >
              Apply
            </Button>
          )}
        </>
      }
    >
      <label className="field">
        <span className="field-label">Cut file (.otio, .edl or .fcpxml)</span>
        <input type="file" accept=".otio,.edl,.fcpxml,.xml" aria-label="Cut file" onChange={(e) => void choose(e.currentTarget)} />
      </label>
      {read.pending && <p className="muted">Reading the cut…</p>}
      {!!read.error && <Banner tone="error">{messageOf(read.error)}</Banner>}
      {!!apply.error && <Banner tone="error">{messageOf(apply.error)}</Banner>}
      {report && (
        <section aria-label="Changes in the cut">
          <h3>{`${report.name} (${report.format.toUpperCase()})`}</h3>
          {report.lines.length ? (
            <ul className="cut-changes">
              {report.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ) : (
            <p>The cut matches the current handoff: nothing to change.</p>
          )}
          {report.changes && !canApply && <p className="muted">An owner, producer or director applies a cut.</p>}
          {applied && <Banner tone="ok">Applied: shot order and in/out marks now follow the cut.</Banner>}
        </section>
      )}
    </Dialog>
  );
}
