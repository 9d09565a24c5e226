/**
 * A project's ComfyUI workflows (issue 18): the list, a new one started from the shipped sample or
 * pasted in ComfyUI's API format, and the mapping editor, which says which node input each field of
 * a take goes to. Saving writes the next version; the server checks the mapping against the graph
 * and a node or input that does not exist is shown beside the field that names it. The open
 * workflow is in the address (`?workflow=`), so the page can be shared.
 */
import type { CallOutput } from '@backlot/contracts/client';
import { COMFY_FIELD_WORDS, COMFY_MAPPING_FIELDS, type ComfyMapping, type ComfyMappingField } from '@backlot/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { SettingsTabs } from '../../shared/project/settings-tabs.tsx';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { Field, Form, FormActions, FormError, Input, TextArea } from '../../shared/ui/form.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';

type Workflow = CallOutput<'getComfyWorkflow'>;
type Rows = Record<ComfyMappingField, { node: string; input: string }>;

const rowsOf = (mapping: ComfyMapping): Rows => Object.fromEntries(COMFY_MAPPING_FIELDS.map((f) => [f, { node: mapping.inputs[f]?.node ?? '', input: mapping.inputs[f]?.input ?? '' }])) as Rows;

/** The mapping as typed: a field with neither node nor input is left unmapped. */
function mappingOf(rows: Rows, fps: string): ComfyMapping {
  const inputs: ComfyMapping['inputs'] = {};
  for (const f of COMFY_MAPPING_FIELDS) {
    const r = rows[f];
    if (r.node.trim() || r.input.trim()) inputs[f] = { node: r.node.trim(), input: r.input.trim() };
  }
  return { fps: Number(fps), inputs };
}

function NewWorkflow({ projectId, onMade }: { projectId: string; onMade: (id: string) => void }) {
  const [name, setName] = useState('');
  const [graph, setGraph] = useState('');
  const [promptNode, setPromptNode] = useState('');
  const [promptInput, setPromptInput] = useState('text');
  const [parseError, setParseError] = useState<string | null>(null);
  const make = useAction(
    () => {
      if (!graph.trim()) return api.createComfyWorkflow({ params: { projectId }, body: { name } });
      return api.createComfyWorkflow({ params: { projectId }, body: { name, workflow: graph, mapping: { fps: 24, inputs: { prompt: { node: promptNode, input: promptInput } } } } });
    },
    { invalidates: [keys.comfyWorkflows.list(projectId), keys.projects.models(projectId)] },
  );
  return (
    <Form
      label="New ComfyUI workflow"
      error={make.error}
      onSubmit={async () => {
        if (graph.trim()) {
          try {
            JSON.parse(graph);
          } catch {
            return setParseError('The workflow is not JSON: paste what ComfyUI saves with "Export (API)".');
          }
        }
        setParseError(null);
        const made = await make.run();
        if (made) onMade(made.id);
      }}
    >
      <Field label="Name" name="name">
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="Pier text-to-video" />
      </Field>
      <Field label="Workflow (API format, optional)" name="workflow" hint="Leave empty to start from the sample text-to-video workflow shipped with Backlot (Wan 2.1, core nodes).">
        <TextArea mono rows={4} value={graph} onChange={(e) => setGraph(e.target.value)} />
      </Field>
      {graph.trim() && (
        <div className="row">
          <Field label="Prompt goes to node" name="mapping.inputs.prompt.node">
            <Input mono value={promptNode} onChange={(e) => setPromptNode(e.target.value)} />
          </Field>
          <Field label="input" name="mapping.inputs.prompt.input">
            <Input mono value={promptInput} onChange={(e) => setPromptInput(e.target.value)} />
          </Field>
        </div>
      )}
      {parseError && <Banner tone="error">{parseError}</Banner>}
      <FormError />
      <FormActions>
        <Button type="submit" variant="primary" pending={make.pending}>
          {graph.trim() ? 'Add the workflow' : 'Start from the sample'}
        </Button>
      </FormActions>
    </Form>
  );
}

function MappingEditor({ projectId, workflow, editable }: { projectId: string; workflow: Workflow; editable: boolean }) {
  const [rows, setRows] = useState<Rows>(() => rowsOf(workflow.current.mapping));
  const [fps, setFps] = useState(String(workflow.current.mapping.fps));
  const [note, setNote] = useState('');
  const [graph, setGraph] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const nodes = workflow.current.nodes;
  const save = useAction(
    () =>
      api.createComfyWorkflowVersion({
        params: { projectId, workflowId: workflow.id },
        body: { mapping: mappingOf(rows, fps), baseVersion: workflow.currentVersion, ...(note.trim() ? { note } : {}), ...(graph.trim() ? { workflow: graph } : {}) },
      }),
    { invalidates: [keys.comfyWorkflows.list(projectId), keys.projects.models(projectId)] },
  );
  const set = (f: ComfyMappingField, part: 'node' | 'input', value: string) => setRows((r) => ({ ...r, [f]: { ...r[f], [part]: value } }));
  return (
    <Form
      label={`Mapping of ${workflow.name}`}
      error={save.error}
      onSubmit={async () => {
        const next = await save.run();
        if (next) setSaved(next.currentVersion);
      }}
    >
      <datalist id="comfy-nodes">
        {nodes.map((n) => (
          <option key={n.id} value={n.id}>{`${n.classType}${n.title ? ` · ${n.title}` : ''}`}</option>
        ))}
      </datalist>
      <Table label="Where each field goes" head={['Field', 'Node', 'Input']}>
        {COMFY_MAPPING_FIELDS.map((f) => {
          const node = nodes.find((n) => n.id === rows[f].node.trim());
          return (
            <tr key={f}>
              <td>
                <strong>{f}</strong>
                <div className="muted small">{COMFY_FIELD_WORDS[f]}</div>
              </td>
              <td>
                <Field label={`${f} node`} name={`mapping.inputs.${f}.node`} className="field-compact" hint={node ? `${node.classType}${node.title ? ` · ${node.title}` : ''}` : undefined}>
                  <Input mono list="comfy-nodes" value={rows[f].node} disabled={!editable} onChange={(e) => set(f, 'node', e.target.value)} placeholder="not mapped" />
                </Field>
              </td>
              <td>
                <Field label={`${f} input`} name={`mapping.inputs.${f}.input`} className="field-compact">
                  <Input mono list={node ? `comfy-inputs-${node.id}` : undefined} value={rows[f].input} disabled={!editable} onChange={(e) => set(f, 'input', e.target.value)} />
                </Field>
                {node && (
                  <datalist id={`comfy-inputs-${node.id}`}>
                    {node.inputs
                      .filter((i) => !i.linked)
                      .map((i) => (
                        <option key={i.name} value={i.name} />
                      ))}
                  </datalist>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
      <Field label="Frame rate the workflow renders at" name="mapping.fps">
        <Input type="number" min={1} max={120} value={fps} disabled={!editable} onChange={(e) => setFps(e.target.value)} />
      </Field>
      {editable && (
        <>
          <Field label="Replace the graph (optional)" name="workflow" hint={'A new export from ComfyUI ("Export (API)"), checked against the mapping above; left empty, the graph stays as it is.'}>
            <TextArea mono rows={3} value={graph} onChange={(e) => setGraph(e.target.value)} />
          </Field>
          <Field label="Note" name="note">
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder="What changed" />
          </Field>
          <FormError />
          {saved !== null && !save.error && <Banner tone="ok">Saved as version {saved}.</Banner>}
          <FormActions>
            <Button type="submit" variant="primary" pending={save.pending}>
              Save as version {workflow.currentVersion + 1}
            </Button>
          </FormActions>
        </>
      )}
    </Form>
  );
}

function WorkflowDetail({ projectId, workflowId, editable }: { projectId: string; workflowId: string; editable: boolean }) {
  const w = useLoad(keys.comfyWorkflows.one(projectId, workflowId), () => api.getComfyWorkflow({ params: { projectId, workflowId } }));
  if (w.error) return <LoadError error={w.error} retry={w.reload} />;
  if (!w.data) return <Loading what="Loading the workflow" />;
  return (
    <Section title={`${w.data.name} · v${w.data.currentVersion}`}>
      <p className="muted">
        Choose it in a shot's generate panel as the model “ComfyUI {w.data.name}”. Each take is sent with the version current when it is asked for; earlier versions never change.
      </p>
      <MappingEditor key={w.data.currentVersion} projectId={projectId} workflow={w.data} editable={editable} />
      <Table label="Versions" head={['Version', 'Saved', 'By', 'Note']}>
        {w.data.versions.map((v) => (
          <tr key={v.version}>
            <td className="mono">v{v.version}</td>
            <td>{formatWhen(v.createdAt)}</td>
            <td>{v.createdBy}</td>
            <td>{v.note ?? '—'}</td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}

export function ComfyWorkflowsPage() {
  const { project, can } = useProject();
  const projectId = project.id;
  const [search, setSearch] = useSearchParams();
  const open = search.get('workflow');
  const editable = can('asset.edit');
  const list = useLoad(keys.comfyWorkflows.list(projectId), () => api.listComfyWorkflows({ params: { projectId } }));
  const show = (id: string) => setSearch({ workflow: id });
  return (
    <div className="page">
      <PageHeader title="Settings" />
      <SettingsTabs />
      <Section title="ComfyUI workflows">
        {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
        {!list.data && !list.error && <Loading what="Loading ComfyUI workflows" />}
        {list.data && !list.data.configured && <Banner tone="warn">This Backlot has no ComfyUI server yet: an operator sets BACKLOT_COMFYUI_URL. Workflows can be prepared meanwhile.</Banner>}
        {list.data && list.data.workflows.length === 0 && (
          <EmptyState title="No ComfyUI workflows yet">Start from the sample text-to-video workflow, or paste one exported from ComfyUI in its API format.</EmptyState>
        )}
        {list.data && list.data.workflows.length > 0 && (
          <Table label="ComfyUI workflows" head={['Workflow', 'Version', 'Saved']}>
            {list.data.workflows.map((w) => (
              <tr key={w.id} aria-selected={w.id === open}>
                <td>
                  <Button variant="ghost" onClick={() => show(w.id)}>
                    {w.name}
                  </Button>
                </td>
                <td className="mono">v{w.currentVersion}</td>
                <td>{formatWhen(w.updatedAt)}</td>
              </tr>
            ))}
          </Table>
        )}
        {editable && <NewWorkflow projectId={projectId} onMade={show} />}
      </Section>
      {open && <WorkflowDetail key={open} projectId={projectId} workflowId={open} editable={editable} />}
    </div>
  );
}
