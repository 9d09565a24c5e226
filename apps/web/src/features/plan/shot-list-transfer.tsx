/** The shot list out and in: export as CSV or JSON (a download), import a file with a report row by row. */
import type { Shot } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { downloadText } from '../../shared/lib/download.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { touchedByPlanChange } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Table } from '../../shared/ui/table.tsx';

type Format = 'csv' | 'json';

export function ExportButtons({ projectId, sceneId }: { projectId: string; sceneId?: string }) {
  const exporting = useAction(async (format: Format) => {
    const out = await api.exportShotList({ params: { projectId }, query: { format, sceneId } });
    downloadText(out.fileName, out.content, out.format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
  });
  return (
    <>
      {exporting.error ? (
        <span className="field-error" role="alert">
          Export failed: {messageOf(exporting.error)}
        </span>
      ) : null}
      <Button small pending={exporting.pending} onClick={() => void exporting.run('csv')} title={sceneId ? 'This scene’s shots as CSV' : 'Every shot as CSV'}>
        Export CSV
      </Button>
      <Button small pending={exporting.pending} onClick={() => void exporting.run('json')} title={sceneId ? 'This scene’s shots as JSON' : 'Every shot as JSON'}>
        Export JSON
      </Button>
    </>
  );
}

const formatOf = (name: string): Format => (/\.json$/i.test(name) ? 'json' : 'csv');

export function ImportShotListDialog({ projectId, onClose, onImported }: { projectId: string; onClose: () => void; onImported?: (shots?: Shot[]) => void }) {
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState<Format>('csv');
  const importing = useAction(
    async () => {
      const content = await file!.text();
      return api.importShotList({ params: { projectId }, body: { format, content } });
    },
    { invalidates: touchedByPlanChange(projectId) },
  );
  const [report, setReport] = useState<Awaited<ReturnType<typeof api.importShotList>>>();

  if (report) {
    const total = report.created + report.updated + report.unchanged;
    return (
      <Dialog
        title={`Imported ${file?.name ?? 'the shot list'}`}
        onClose={onClose}
        wide
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <dl className="report-counts">
          <div>
            <dt>Added</dt>
            <dd>{report.created}</dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>{report.updated}</dd>
          </div>
          <div>
            <dt>Left alone</dt>
            <dd>{report.unchanged}</dd>
          </div>
          <div>
            <dt>Rows refused</dt>
            <dd className={report.errors.length ? 'warn-text' : undefined}>{report.errors.length}</dd>
          </div>
        </dl>
        {total === 0 && report.errors.length === 0 && <p className="muted">The file held no shots.</p>}
        {report.errors.length > 0 && (
          <>
            <Banner tone="warn">
              {report.errors.length === 1 ? 'One row was' : `${report.errors.length} rows were`} not imported; fix {report.errors.length === 1 ? 'it' : 'them'} in the file and import it again (rows
              already in are left alone).
            </Banner>
            <p className="field-hint">Rows are counted from the first shot{format === 'csv' ? ', not counting the header line' : ' in the file'}.</p>
            <Table label="Rows not imported" head={['Row', 'Column', 'Problem']}>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td className="mono num">{e.row}</td>
                  <td className="mono">{e.field ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Import a shot list"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            disabled={!file}
            pending={importing.pending}
            onClick={async () => {
              const r = await importing.run();
              if (!r) return;
              setReport(r);
              onImported?.();
            }}
          >
            Import
          </Button>
        </>
      }
    >
      <p className="muted">A CSV or JSON shot list, as exported here or from a spreadsheet. Shots are matched by code: new codes are added, known ones updated, and nothing is removed.</p>
      <label className="file-pick">
        <span className="field-label">Shot list file</span>
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            setFile(f);
            if (f) setFormat(formatOf(f.name));
          }}
        />
      </label>
      <label className="inline-pick">
        Read as
        <select className="select select-small" value={format} onChange={(e) => setFormat(e.target.value as Format)} aria-label="File format">
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
        </select>
      </label>
      {importing.error ? <Banner tone="error">{messageOf(importing.error)}</Banner> : null}
    </Dialog>
  );
}
