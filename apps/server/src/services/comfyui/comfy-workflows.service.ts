/**
 * ComfyUI workflows (issue 18): a project's API-format workflows, versioned like references (a
 * version never changes; an edit of the graph or of the mapping writes the next one), each checked
 * so its mapping names only nodes and inputs the graph has. Each workflow is a model of the
 * `comfyui` provider under its id; the generate service asks here for its capabilities and for the
 * graph and mapping of its current version, which go into the take's spec (and so its stored
 * request) exactly as sent.
 */
import type { ComfyWorkflow, CreateComfyWorkflowInput, CreateComfyWorkflowVersionInput, ModelCapabilities } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { checkMapping, checkWorkflow, workflowCapabilities, type ComfyMapping, type ComfyRate, type ComfyWorkflow as Graph } from '../../domain/comfyui/workflow.rules.ts';
import { fail, failFields } from '../../domain/errors.ts';
import type { ComfyWorkflowRecord, ComfyWorkflowVersionRecord, Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor, type AuditDeps } from '../audit/audit-append.ts';

export interface ComfyWorkflowsDeps extends AuditDeps {
  store: Store;
  /** Whether this instance has a ComfyUI server (BACKLOT_COMFYUI_URL). */
  configured: boolean;
  rate: ComfyRate;
  /** The sample text-to-video workflow shipped with Backlot, and its mapping. */
  sample: { workflow: Record<string, unknown>; mapping: ComfyMapping };
}

/** Problems of a graph and its mapping, each naming the field; none when they fit each other. */
export function workflowProblems(workflow: unknown, mapping: unknown) {
  const problems = checkWorkflow(workflow);
  return problems.length ? problems : checkMapping(workflow as Graph, mapping);
}

function nodesOf(workflow: Record<string, unknown>) {
  return Object.entries(workflow as Graph).map(([id, n]) => ({
    id,
    classType: n.class_type,
    title: n._meta?.title ?? null,
    inputs: Object.entries(n.inputs).map(([name, v]) => ({ name, linked: Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' })),
  }));
}

export function createComfyWorkflowsService(deps: ComfyWorkflowsDeps) {
  const now = () => deps.clock.now().toISOString();

  /** The workflow text as JSON, or a refusal naming the field. */
  function parsed(text: string): Record<string, unknown> {
    try {
      return JSON.parse(text);
    } catch (err) {
      return fail('workflow.invalid', `workflow: is not JSON (${err instanceof Error ? err.message : String(err)}); paste what ComfyUI saves with "Export (API)".`, 'workflow');
    }
  }

  function check(workflow: unknown, mapping: unknown) {
    const problems = workflowProblems(workflow, mapping);
    if (problems.length)
      failFields(
        'workflow.invalid',
        problems.map((p) => ({ field: p.field, message: p.problem })),
      );
  }

  async function present(repos: Repos, w: ComfyWorkflowRecord): Promise<ComfyWorkflow> {
    const versions = await repos.comfyWorkflows.versions(w.id);
    const current = versions.find((v) => v.version === w.currentVersion)!;
    return {
      id: w.id,
      name: w.name,
      model: w.id,
      currentVersion: w.currentVersion,
      updatedAt: w.updatedAt,
      current: { ...presentVersion(current), workflow: current.workflow, mapping: current.mapping as ComfyWorkflow['current']['mapping'], nodes: nodesOf(current.workflow) },
      versions: versions.map(presentVersion),
    };
  }

  const presentVersion = (v: ComfyWorkflowVersionRecord) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdBy, note: v.note });

  const found = async (repos: Repos, projectId: string, id: string) =>
    (await repos.comfyWorkflows.findById(projectId, id)) ?? fail('workflow.not_found', 'No such ComfyUI workflow in this project.', 'workflowId');

  /** The label a workflow is offered under in the generate panel. */
  const labelOf = (w: ComfyWorkflowRecord) => `ComfyUI ${w.name} (v${w.currentVersion})`;

  return {
    async list(projectId: string) {
      const workflows = await deps.store.read.comfyWorkflows.list(projectId);
      return { configured: deps.configured, workflows: workflows.map((w) => ({ id: w.id, name: w.name, model: w.id, currentVersion: w.currentVersion, updatedAt: w.updatedAt })) };
    },

    async get(projectId: string, id: string): Promise<ComfyWorkflow> {
      return present(deps.store.read, await found(deps.store.read, projectId, id));
    },

    async create(actor: Actor & { accountId: string }, projectId: string, input: CreateComfyWorkflowInput): Promise<ComfyWorkflow> {
      if (!input.workflow !== !input.mapping)
        fail(
          'request.invalid',
          `${input.workflow ? 'mapping' : 'workflow'}: give the workflow and its mapping together, or neither to start from the sample.`,
          input.workflow ? 'mapping' : 'workflow',
        );
      const workflow = input.workflow ? parsed(input.workflow) : structuredClone(deps.sample.workflow);
      const mapping = input.mapping ?? structuredClone(deps.sample.mapping);
      check(workflow, mapping);
      return deps.store.transaction(async (tx) => {
        const at = now();
        const record: ComfyWorkflowRecord = { id: deps.ids.next(), projectId, name: input.name, currentVersion: 1, createdAt: at, updatedAt: at };
        await tx.comfyWorkflows.insert(record);
        await tx.comfyWorkflows.insertVersion({
          workflowId: record.id,
          version: 1,
          workflow,
          mapping,
          note: input.note ?? (input.workflow ? null : 'From the sample text-to-video workflow'),
          createdBy: actor.name,
          createdAt: at,
        });
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'comfy_workflow.created',
          targetType: 'comfy_workflow',
          targetId: record.id,
          summary: `${actor.name} added the ComfyUI workflow ${input.name}${input.workflow ? '' : ' from the sample'} (${Object.keys(workflow).length} nodes)`,
        });
        return present(tx, record);
      });
    },

    async createVersion(actor: Actor & { accountId: string }, projectId: string, id: string, input: CreateComfyWorkflowVersionInput): Promise<ComfyWorkflow> {
      return deps.store.transaction(async (tx) => {
        const w = await found(tx, projectId, id);
        const base = await tx.comfyWorkflows.version(id, w.currentVersion);
        const workflow = input.workflow ? parsed(input.workflow) : base!.workflow;
        const mapping = input.mapping ?? base!.mapping;
        check(workflow, mapping);
        const at = now();
        // Taken in one statement: of two saves made from the same version, the later is refused.
        const version = await tx.comfyWorkflows.nextVersion(id, at);
        if (version !== input.baseVersion + 1)
          fail('workflow.stale', `baseVersion: ${w.name} is at version ${version - 1}, not ${input.baseVersion}; someone saved a newer one. Reload it and edit again.`, 'baseVersion');
        await tx.comfyWorkflows.insertVersion({ workflowId: id, version, workflow, mapping, note: input.note ?? null, createdBy: actor.name, createdAt: at });
        const changed = [input.workflow ? 'workflow' : null, input.mapping ? 'mapping' : null].filter(Boolean).join(' and ') || 'nothing';
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'comfy_workflow.versioned',
          targetType: 'comfy_workflow',
          targetId: id,
          summary: `${actor.name} saved version ${version} of the ComfyUI workflow ${w.name} (${changed} changed)`,
        });
        return present(tx, { ...w, currentVersion: version, updatedAt: at });
      });
    },

    /** The project's workflows as models of the comfyui provider (none when no server is configured). */
    async models(repos: Repos, projectId: string): Promise<ModelCapabilities[]> {
      if (!deps.configured) return [];
      const out: ModelCapabilities[] = [];
      for (const w of await repos.comfyWorkflows.list(projectId)) {
        const v = await repos.comfyWorkflows.version(w.id, w.currentVersion);
        if (v) out.push(workflowCapabilities(w.id, labelOf(w), v.mapping as ComfyMapping, deps.rate));
      }
      return out;
    },

    /** A workflow model's capabilities and what its spec carries: the current version's graph and mapping. */
    async resolve(repos: Repos, projectId: string, provider: string, model: string): Promise<{ caps: ModelCapabilities; providerOptions: Record<string, unknown> } | undefined> {
      if (provider !== 'comfyui' || !deps.configured) return undefined;
      const w = await repos.comfyWorkflows.findById(projectId, model);
      const v = w && (await repos.comfyWorkflows.version(w.id, w.currentVersion));
      if (!w || !v) return undefined;
      return {
        caps: workflowCapabilities(w.id, labelOf(w), v.mapping as ComfyMapping, deps.rate),
        providerOptions: { comfyui: { workflowId: w.id, version: v.version, name: w.name, workflow: v.workflow, mapping: v.mapping } },
      };
    },
  };
}

export type ComfyWorkflowsService = ReturnType<typeof createComfyWorkflowsService>;
