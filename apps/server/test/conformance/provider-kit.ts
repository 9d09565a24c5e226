/**
 * What an adapter gives the provider contract suite (provider-conformance.ts): how to start it
 * against its fake, the faults the fake can show, what an ordinary take costs and says, and for
 * each case it cannot take part in, the reason.
 */
import type { GenerationSettings, ProviderName } from '@backlot/contracts';
import type { TakeRecord } from '../../src/ports/take-store.ts';
import type { Harness, HarnessOptions, Person } from '../harness.ts';

/** A case an adapter cannot take part in, and why. */
export interface Skip {
  skip: string;
}

/** How a kit makes a fault happen for the next take: an armed fault at the fake, and/or words in the prompt. */
export interface Fault {
  arm?: () => void;
  settings?: Partial<GenerationSettings>;
}

export interface ProviderKit {
  provider: ProviderName;
  model: string;
  /** The provider's name as a producer reads it in a take's error, e.g. "Seedance". */
  label: string;
  /** Starts the fake (before any harness is built) and stops it. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Options for each database's Backlot: the adapter pointed at the fake. */
  harness: HarnessOptions;
  /** Run once per database after the project exists: keys, prices. */
  prepare(h: Harness, owner: Person, projectId: string): Promise<void>;
  /** Settings of an ordinary take. */
  settings: Partial<GenerationSettings>;
  /** What one ordinary take is reserved at, micro-units of USD, worked out by hand. */
  costMicros: number;
  /** Every status string the provider reports for an ordinary take, verbatim, and the one it ends on. */
  providerStatuses: string[];
  successStatus: string;
  /** Tasks the provider created for this take (what could be billed), where the fake can count them. */
  tasksCreatedFor?(take: TakeRecord): number;
  /** 429 on create. */
  rateLimited: Fault | Skip;
  /** 500 on create. */
  serverError: Fault | Skip;
  /** A create answered later than Backlot waits. */
  timeout: Fault | Skip;
  /** A create answered with a body that is not JSON. */
  malformed: Fault | Skip;
  /** The task refused on content policy. */
  policyRefusal: (Fault & { code: string }) | Skip;
  /** A create refused for a parameter that only a changed request could fix. */
  invalidInput: (Fault & { code: string }) | Skip;
  /** The provider's own `expired` status: the task ran out of time. */
  taskExpired: (Fault & { providerStatus: string }) | Skip;
  /** Output links that stop working: once (a fresh one on re-poll), or for good. */
  outputExpiry: { expireOnce(): void; expireForGood(): () => void } | Skip;
  /**
   * The crash between submit and storing the task id: sends the take's stored request as the
   * stopped worker did, returning the provider's task id.
   */
  submitAsStoppedWorker: ((h: Harness, take: TakeRecord) => Promise<string>) | Skip;
  /** Makes the next takes stay long enough at the provider to be canceled there: settings to ask with, and the undo. */
  holdAtProvider(): { settings?: Partial<GenerationSettings>; undo(): void };
  /** What a cancel of a running task ends as (PROVIDERS.md §9.1 cancel support). */
  cancelRunning: { endsAs: 'canceled' | 'cancel_requested' } | Skip;
  /** A task still queued at the provider can be canceled (every provider in PROVIDERS.md §9.1 that cancels at all). */
  cancelQueued: { endsAs: 'canceled' } | Skip;
}
