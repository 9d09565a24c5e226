/**
 * Import an external take: a clip made outside Backlot, with the provider, model, prompt and cost
 * entered by hand. The file goes with its progress shown; closing the dialog leaves it going.
 */
import { PROVIDERS, type Take } from '@backlot/contracts';
import { useId, useState } from 'react';
import { bytesLabel } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';
import { startImport, useImports, type ExternalFields } from './take-imports.ts';
import { ImportLine } from './import-tray.tsx';

export function ImportTakeDialog({ shotId, shotCode, onClose, onImported }: { shotId: string; shotCode: string; onClose: () => void; onImported: (take: Take) => void }) {
  const { project } = useProject();
  const listId = useId();
  const [file, setFile] = useState<File>();
  const [fields, setFields] = useState<ExternalFields>({ provider: '', model: '', prompt: '', cost: '', seed: '' });
  const [importId, setImportId] = useState<number>();
  const mine = useImports(project.id, shotId).find((u) => u.id === importId);
  const send = useAction(async () => {
    if (!file) throw new Error('Pick the clip to import first.');
    const started = startImport({ projectId: project.id, shotId, file, fields });
    setImportId(started.id);
    const take = await started.done;
    onImported(take);
    onClose();
  });
  const set = (patch: Partial<ExternalFields>) => setFields((f) => ({ ...f, ...patch }));
  const sending = send.pending;

  return (
    <Dialog title={`Import an external take of ${shotCode}`} wide onClose={onClose}>
      <p className="muted">A clip made outside Backlot. It gets the next take number and is reviewed like any take; its cost is counted as entered.</p>
      <Form error={send.error} onSubmit={() => void send.run()} label="External take">
        <Field label="Clip" name="file" hint={file ? `${file.name} · ${bytesLabel(file.size)}` : 'A video file: MP4, MOV or WebM.'}>
          <Input type="file" accept="video/*" disabled={sending} onChange={(e) => setFile(e.target.files?.[0])} />
        </Field>
        <div className="field-row">
          <Field label="Provider" name="provider">
            <Input list={listId} value={fields.provider} disabled={sending} onChange={(e) => set({ provider: e.target.value })} placeholder="runway" />
          </Field>
          <datalist id={listId}>
            {PROVIDERS.filter((p) => p !== 'previs').map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <Field label="Model" name="model">
            <Input value={fields.model} disabled={sending} onChange={(e) => set({ model: e.target.value })} placeholder="gen-4" />
          </Field>
        </div>
        <TextAreaField label="Prompt" name="prompt" error={send.error} rows={3} value={fields.prompt} disabled={sending} onChange={(e) => set({ prompt: e.target.value })} />
        <div className="field-row">
          <Field label={`Cost (${project.currency})`} name="cost" hint="What it cost, e.g. 12.50">
            <Input mono inputMode="decimal" value={fields.cost} disabled={sending} onChange={(e) => set({ cost: e.target.value })} placeholder="0.00" />
          </Field>
          <Field label="Seed" name="seed" hint="If the provider gave one">
            <Input mono inputMode="numeric" value={fields.seed} disabled={sending} onChange={(e) => set({ seed: e.target.value })} />
          </Field>
        </div>
        <FormError />
        {mine && sending && (
          <ul className="upload-list">
            <ImportLine upload={mine} />
          </ul>
        )}
        <FormActions>
          <Button onClick={onClose}>{sending ? 'Close — the import goes on' : 'Cancel'}</Button>
          <Button type="submit" variant="primary" pending={sending} disabled={!file}>
            Import take
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
