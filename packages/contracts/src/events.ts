/** Names of events announced on the live event stream. */
export const EVENT_NAMES = ['project.updated', 'member.changed', 'audit.appended'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
