/** Names of events announced on a project's live event stream (`GET /projects/:id/events`, Server-Sent Events). */
export const EVENT_NAMES = ['take.changed', 'dailies.presenter', 'dailies.presence', 'dailies.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
