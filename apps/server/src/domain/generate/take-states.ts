/**
 * The generation state machine of a take (DESIGN.md §2) as data, what a cancel does in each state,
 * the worker's retry backoff, and provider errors in words a producer understands.
 */
import { TERMINAL_STATUSES, type GenerationStatus } from '@backlot/contracts';

/**
 * Where each status may go next. `queued` may skip to `running` because a provider can answer the
 * submit with a task already running; `cancel_requested` ends `canceled` whatever the provider
 * does afterwards (whatever was charged is settled, any output is kept hidden). A queued take whose
 * send has begun may already be at the provider, so a cancel then is asked of the provider too
 * (`queued → cancel_requested`, a deliberate addition to DESIGN.md §2).
 */
const NEXT: Record<GenerationStatus, readonly GenerationStatus[]> = {
  awaiting_approval: ['queued', 'canceled'],
  queued: ['submitted', 'running', 'failed', 'canceled', 'cancel_requested'],
  submitted: ['running', 'succeeded', 'failed', 'canceled', 'cancel_requested'],
  running: ['succeeded', 'failed', 'canceled', 'cancel_requested'],
  cancel_requested: ['canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

/** Whether a take's status may change from `from` to `to`; staying put is allowed until the take ends. */
export function canTransition(from: GenerationStatus, to: GenerationStatus): boolean {
  if (from === to) return !isTerminal(from);
  return NEXT[from].includes(to);
}

/** Succeeded, failed and canceled never change again; a late callback for them is a no-op. */
export function isTerminal(status: GenerationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** What cancelling a take in a status means. */
export type CancelOutcome = 'canceled_free' | 'cancel_at_provider' | 'not_cancelable';

/**
 * A take never sent (`awaiting_approval`, `queued`) is canceled on the spot and costs nothing. A
 * submitted or running take becomes `cancel_requested` and the provider decides: the worker calls
 * its cancel where it has one; where it cannot stop a running task the take still ends `canceled`
 * when the task finishes, what was charged is settled and any output is kept hidden — so the
 * outcome does not depend on what the provider can stop. A queued take whose send has begun
 * (`sending`) is treated as at the provider. A take already being canceled, or finished, cannot be.
 */
export function cancelOutcome(status: GenerationStatus, sending = false): CancelOutcome {
  switch (status) {
    case 'awaiting_approval':
      return 'canceled_free';
    case 'queued':
      // Being sent right now (or when a worker stopped): it may be at the provider already.
      return sending ? 'cancel_at_provider' : 'canceled_free';
    case 'submitted':
    case 'running':
      return 'cancel_at_provider';
    default:
      return 'not_cancelable';
  }
}

/** How many times the worker tries a step (submit, poll, download) before the take fails for good. */
export const MAX_ATTEMPTS = 6;

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;

/** Exponential backoff before retry number `attempt` (1-based): 2 s, 4 s, 8 s, … never more than 60 s. */
export function retryDelayMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  // Past 2^5 the cap applies anyway; stop doubling before the number gets silly.
  if (n > 6) return MAX_DELAY_MS;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (n - 1));
}

/** What a provider reported, as kept on the take (PROVIDERS.md §9 `ProviderError`). */
export interface DescribedProviderError {
  code: string;
  message: string;
  category: string;
}

const CATEGORY_WORDS: Record<string, (p: string) => string> = {
  auth: (p) => `${p} did not accept Backlot's key (an owner should check it in the provider keys)`,
  quota: (p) => `${p} says the account is out of credit or over its quota`,
  rate_limit: (p) => `${p} was too busy and asked Backlot to slow down`,
  invalid_input: (p) => `${p} rejected the request`,
  moderation: (p) => `${p} refused the prompt on content policy`,
  provider_internal: (p) => `${p} had an internal error`,
  timeout: (p) => `${p} did not answer in time`,
  expired: (p) => `${p} let the task expire before it finished`,
};

/** An expiry met while downloading is the finished video's link, not the task (which had finished). */
const DOWNLOAD_WORDS: Record<string, (p: string) => string> = {
  expired: (p) => `${p}'s link to the finished video expired before Backlot could download it`,
};

/**
 * A provider error as a sentence for a producer: what happened in plain words, then the provider's
 * own message verbatim, e.g. "Kling refused the prompt on content policy: prompt flagged". The
 * provider's code stays beside it on the take, for support; it is named here only when there is no
 * message to show. `during` is the step that met it: the task at the provider, or the download.
 */
export function describeProviderError(e: DescribedProviderError, providerLabel: string, during: 'task' | 'download' = 'task'): string {
  const words = (during === 'download' ? DOWNLOAD_WORDS[e.category] : undefined)?.(providerLabel) ?? CATEGORY_WORDS[e.category]?.(providerLabel) ?? `${providerLabel} could not make the take`;
  const message = e.message.trim();
  if (message) return `${words}: ${message}`;
  return e.code.trim() ? `${words} (code ${e.code.trim()})` : words;
}
