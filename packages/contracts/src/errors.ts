/** Error codes every client can rely on, and the wire shape of an error. */
import { z } from 'zod';

/** Stable dotted error codes. The HTTP edge maps each to a status. */
export const ERROR_CODES = [
  'request.invalid',
  'request.malformed_json',
  'request.too_large',
  'request.unsupported_media_type',
  'route.not_found',
  'auth.required',
  'auth.invalid_credentials',
  'auth.rate_limited',
  'auth.cross_site',
  'auth.account_disabled',
  'auth.wrong_password',
  'auth.reset_token_invalid',
  'permission.denied',
  'setup.done',
  'setup.required',
  'account.not_found',
  'account.email_taken',
  'account.last_admin',
  'project.not_found',
  'project.code_taken',
  'project.closed',
  'project.not_closed',
  'project.creation_restricted',
  'member.not_found',
  'member.last_owner',
  'member.exists',
  'invitation.not_found',
  'invitation.invalid',
  'invitation.expired',
  'invitation.used',
  'invitation.email_mismatch',
  'token.not_found',
  'session.not_found',
  'mail.not_configured',
  'screenplay.invalid',
  'asset.not_found',
  'asset.name_taken',
  'scene.not_found',
  'scene.number_taken',
  'shot.not_found',
  'shot.code_taken',
  'plan.locked',
  'plan.stale',
  'plan.version_not_found',
  'shot_list.invalid',
  'media.unsupported',
  'media.unreadable',
  'media.mismatch',
  'blob.too_large',
  'blob.not_found',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every error answer. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
