/**
 * A project's retention, in its settings: how many days rejected takes keep their media (the
 * owner's; off by default), the preview of what a purge would free now (owners and producers), and
 * the purge itself (the owner's), asked once, with live progress and what it did.
 */
import type { RetentionPreview, RetentionPurgeResult } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { bytesLabel, formatWhen } from '../../shared/lib/format.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { SettingsTabs } from '../../shared/project/settings-tabs.tsx';
import { purgeRetention } from './purge-stream.ts';

const retentionKey = (projectId: string) => [...keys.project(projectId), 'retention'] as const;

function SettingForm({ preview, saved }: { preview: RetentionPreview; saved: () => void }) {
  const { project, mayChange } = useProject();
  const current = preview.setting.purgeRejectedAfterDays;
  const [on, setOn] = useState(current !== null);
  const [days, setDays] = useState(String(current ?? 90));
  const save = useAction(() => api.setRetention({ params: { projectId: project.id }, body: { purgeRejectedAfterDays: on ? Number(days) : null } }));
  if (!mayChange('retention.manage'))
    return (
      <p>
        {current === null ? 'Retention is off: rejected takes keep their media.' : `Media of rejected takes older than ${current} days may be purged.`}{' '}
        <span className="muted">Only an owner changes this.</span>
      </p>
    );
  return (
    <Form
      label="Retention setting"
      error={save.error}
      onSubmit={async () => {
        if (await save.run()) saved();
      }}
    >
      <label className="toggle">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Allow the media of rejected takes to be purged
      </label>
      {on && (
        <Field
          label="Older than (days)"
          name="purgeRejectedAfterDays"
          hint="Counted from when the take finished. Selected, approved and handed-off takes, and anything used as a reference, are never purged."
        >
          <Input type="number" min={1} step={1} value={days} onChange={(e) => setDays(e.target.value)} mono />
        </Field>
      )}
      <FormError />
      {preview.setting.setAt && (
        <p className="muted small">
          Last set by {preview.setting.setBy} on {formatWhen(preview.setting.setAt)}.
        </p>
      )}
      <FormActions>
        <Button type="submit" variant="primary" pending={save.pending}>
          Save retention
        </Button>
      </FormActions>
    </Form>
  );
}

function PurgeSection({ preview, done }: { preview: RetentionPreview; done: () => void }) {
  const { project, mayChange } = useProject();
  const [asking, setAsking] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; bytes: number }>();
  const [result, setResult] = useState<RetentionPurgeResult>();
  const [error, setError] = useState<unknown>();
  const running = progress !== undefined && !result && !error;
  const listed = preview.takes.map((t) => t.takeId);
  return (
    <>
      {preview.takes.length === 0 ? (
        <p className="muted">Nothing to purge now: no rejected take older than {preview.setting.purgeRejectedAfterDays} days still holds media that nothing else uses.</p>
      ) : (
        <>
          <p>
            {preview.takes.length} rejected take{preview.takes.length === 1 ? '' : 's'} finished before {formatWhen(preview.cutoff)} would free <strong>{bytesLabel(preview.totalBytes)}</strong>. Each
            keeps its record, request, cost and poster.
          </p>
          <Table label="Takes a purge would free" head={['Take', 'Finished', 'Frees', 'Files', 'Shared, kept']}>
            {preview.takes.map((t) => (
              <tr key={t.takeId} data-take-id={t.takeId}>
                <td className="mono">
                  {t.shotCode} {t.code}
                </td>
                <td>{formatWhen(t.finishedAt)}</td>
                <td className="num">{bytesLabel(t.bytes)}</td>
                <td className="num">{t.files}</td>
                <td className="num">{t.shared}</td>
              </tr>
            ))}
          </Table>
          {mayChange('retention.manage') ? (
            <Button variant="danger" className="retention-purge" disabled={running} onClick={() => setAsking(true)}>
              Purge {preview.takes.length} take{preview.takes.length === 1 ? '' : 's'}…
            </Button>
          ) : (
            <p className="muted">Only an owner purges.</p>
          )}
        </>
      )}
      {preview.kept.length > 0 && (
        <details className="retention-kept">
          <summary>
            {preview.kept.length} old rejected take{preview.kept.length === 1 ? ' is' : 's are'} kept
          </summary>
          <ul>
            {preview.kept.map((k) => (
              <li key={k.takeId}>
                <span className="mono">
                  {k.shotCode} {k.code}
                </span>
                : {k.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {progress && (
        <div role="status" aria-live="polite" className="retention-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          <span>
            {result ? 'Purged' : 'Purging'}: {progress.done} of {progress.total} takes checked, {bytesLabel(progress.bytes)} freed
          </span>
        </div>
      )}
      {result && (
        <Banner tone="ok">
          Purged the media of {result.purged} take{result.purged === 1 ? '' : 's'}, freeing {bytesLabel(result.bytes)}.
          {result.skipped.length > 0 && ` ${result.skipped.length} kept because they changed since the preview (${result.skipped.map((s) => s.reason).join('; ')}).`}
        </Banner>
      )}
      {error ? <Banner tone="error">{messageOf(error)}</Banner> : null}
      {asking && (
        <ConfirmDialog
          title={`Purge the media of ${preview.takes.length} rejected take${preview.takes.length === 1 ? '' : 's'}?`}
          confirmLabel="Purge media"
          danger
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            setResult(undefined);
            setError(undefined);
            setProgress({ done: 0, total: listed.length, bytes: 0 });
            setAsking(false);
            try {
              setResult(await purgeRetention(project.id, listed, setProgress));
            } catch (e) {
              setError(e);
            }
            done();
          }}
        >
          The originals, proxies and filmstrips of these takes are deleted ({bytesLabel(preview.totalBytes)}); this cannot be undone. Their records, requests, costs, decisions, notes and posters stay.
          A take selected or used since the preview is left alone.
        </ConfirmDialog>
      )}
    </>
  );
}

export function RetentionPage() {
  const { project } = useProject();
  const preview = useLoad(retentionKey(project.id), () => api.retentionPreview({ params: { projectId: project.id } }));
  return (
    <div className="page">
      <PageHeader title="Settings" />
      <SettingsTabs />
      <Section title="Retention">
        <p className="muted">Storage need not grow forever: the media of takes nobody will use again can go, while the production's record of them stays.</p>
        {preview.error ? <LoadError error={preview.error} retry={preview.reload} /> : null}
        {!preview.data && !preview.error && <Loading what="Loading retention" />}
        {preview.data && <SettingForm key={preview.data.setting.setAt ?? 'never'} preview={preview.data} saved={preview.reload} />}
      </Section>
      {preview.data && preview.data.setting.purgeRejectedAfterDays !== null && (
        <Section title="Purge">
          <PurgeSection preview={preview.data} done={preview.reload} />
        </Section>
      )}
    </div>
  );
}
