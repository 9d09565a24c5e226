/** The contracts shared by the Backlot server, web UI and CLI. */
export * from './roles.ts';
export * from './errors.ts';
export * from './text.ts';
export * from './schemas.ts';
export * from './endpoints.ts';
export * from './events.ts';
export * from './plans.ts';
export * from './assets.ts';
export * from './takes.ts';
export * from './review.ts';
export * from './keys.ts';
export * from './home.ts';
export * from './timecode.ts';
export * from './spend.ts';
export * from './handoff.ts';
export * from './dailies.ts';
export * from './retention.ts';
