/**
 * ComfyUI workflows on the wire (issue 18): a project's API-format workflows, versioned like
 * references, each with the mapping of plan fields to its node inputs. A workflow is offered as a
 * model of the `comfyui` provider under its id.
 */
import { z } from 'zod';
import { Id } from './schemas.ts';
import { text } from './text.ts';

/** The plan fields a mapping can send to a node input. */
export const COMFY_MAPPING_FIELDS = ['prompt', 'negativePrompt', 'seed', 'frames', 'durationSec', 'width', 'height', 'fps', 'firstFrame', 'lastFrame', 'referenceImage', 'filenamePrefix'] as const;
export type ComfyMappingField = (typeof COMFY_MAPPING_FIELDS)[number];

/** What each field carries, in words (the mapping editor shows these). */
export const COMFY_FIELD_WORDS: Record<ComfyMappingField, string> = {
  prompt: 'The compiled prompt (text); required',
  negativePrompt: 'The negative prompt (text)',
  seed: "The take's seed (integer)",
  frames: 'The length in frames (seconds × fps)',
  durationSec: 'The length in seconds',
  width: 'The frame width in pixels (from resolution and aspect)',
  height: 'The frame height in pixels',
  fps: "The workflow's frame rate",
  firstFrame: 'The start frame picture (uploaded to ComfyUI)',
  lastFrame: 'The end frame picture (uploaded to ComfyUI)',
  referenceImage: 'A reference picture (uploaded to ComfyUI)',
  filenamePrefix: "The output file's name prefix (one folder per take)",
};

export const ComfyNodeInput = z.strictObject({ node: text().min(1).max(64), input: text().min(1).max(200) });
export const ComfyMapping = z.strictObject({
  /** The frame rate the workflow renders at: frames = seconds × fps. */
  fps: z.number().min(1).max(120),
  inputs: z.partialRecord(z.enum(COMFY_MAPPING_FIELDS), ComfyNodeInput),
});
export type ComfyMapping = z.infer<typeof ComfyMapping>;

/** An API-format workflow: node id → {class_type, inputs}; checked node by node by the server. */
export const ComfyWorkflowJson = z.record(z.string(), z.unknown());
/** The same, sent as the JSON text ComfyUI's "Export (API)" saves. */
const WorkflowText = text().max(4_000_000).describe('The API-format workflow as JSON text');

export const CreateComfyWorkflowInput = z.strictObject({
  name: text().trim().min(1).max(120),
  /** The workflow and mapping; both absent: a copy of the sample text-to-video workflow shipped with Backlot. */
  workflow: WorkflowText.optional(),
  mapping: ComfyMapping.optional(),
  note: text().trim().max(2000).optional(),
});
export type CreateComfyWorkflowInput = z.infer<typeof CreateComfyWorkflowInput>;

/** The next version: a new workflow, a new mapping, or both (what is left out is the current version's). */
export const CreateComfyWorkflowVersionInput = z.strictObject({
  workflow: WorkflowText.optional(),
  mapping: ComfyMapping.optional(),
  note: text().trim().max(2000).optional(),
  /** The version the edit was made from; a newer one refuses it (someone else changed it). */
  baseVersion: z.number().int().min(1),
});
export type CreateComfyWorkflowVersionInput = z.infer<typeof CreateComfyWorkflowVersionInput>;

export const ComfyWorkflowParams = z.strictObject({ projectId: Id, workflowId: Id });

/** A node as the mapping editor lists it. */
export const ComfyNodeSummary = z.object({ id: z.string(), classType: z.string(), title: z.string().nullable(), inputs: z.array(z.object({ name: z.string(), linked: z.boolean() })) });

export const ComfyWorkflowVersion = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  note: z.string().nullable(),
  workflow: ComfyWorkflowJson,
  mapping: ComfyMapping,
  nodes: z.array(ComfyNodeSummary),
});

export const ComfyWorkflow = z.object({
  id: Id,
  name: z.string(),
  /** The model id to generate with (provider `comfyui`). */
  model: z.string(),
  currentVersion: z.number().int(),
  updatedAt: z.string(),
  /** The current version in full. */
  current: ComfyWorkflowVersion,
  /** Every version, newest first, without the graph. */
  versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), createdBy: z.string(), note: z.string().nullable() })),
});
export type ComfyWorkflow = z.infer<typeof ComfyWorkflow>;
export const ComfyWorkflowList = z.object({
  /** Whether this Backlot has a ComfyUI server (BACKLOT_COMFYUI_URL). */
  configured: z.boolean(),
  workflows: z.array(ComfyWorkflow.omit({ current: true, versions: true })),
});
