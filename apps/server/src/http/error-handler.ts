/** The one place where error codes become HTTP statuses, and every error takes the shape {error: {code, message, field?}}. */
import type { ErrorCode } from '@backlot/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type FieldProblem } from '../domain/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'route.not_found': 404,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.rate_limited': 429,
  'auth.cross_site': 403,
  'auth.account_disabled': 403,
  'auth.wrong_password': 400,
  'auth.reset_token_invalid': 400,
  'permission.denied': 403,
  'setup.done': 409,
  'setup.required': 409,
  'account.not_found': 404,
  'account.email_taken': 409,
  'account.last_admin': 409,
  'project.not_found': 404,
  'project.code_taken': 409,
  'project.closed': 409,
  'project.not_closed': 409,
  'project.creation_restricted': 403,
  'member.not_found': 404,
  'member.last_owner': 409,
  'member.exists': 409,
  'invitation.not_found': 404,
  'invitation.invalid': 400,
  'invitation.expired': 410,
  'invitation.used': 410,
  'invitation.email_mismatch': 403,
  'token.not_found': 404,
  'session.not_found': 404,
  'mail.not_configured': 409,
  'screenplay.invalid': 400,
  'asset.not_found': 404,
  'asset.name_taken': 409,
  'asset.has_versions': 409,
  'scene.not_found': 404,
  'scene.number_taken': 409,
  'scene.numbers_locked': 409,
  'screenplay.preview_stale': 409,
  'shot.not_found': 404,
  'shot.code_taken': 409,
  'plan.locked': 409,
  'plan.stale': 409,
  'plan.version_not_found': 404,
  'shot_list.invalid': 400,
  'media.unsupported': 415,
  'media.unreadable': 422,
  'media.mismatch': 422,
  'blob.too_large': 413,
  'blob.not_found': 404,
  'take.not_found': 404,
  'take.not_cancelable': 409,
  'take.not_awaiting_sign_off': 409,
  'take.no_media': 409,
  'take.not_a_draft': 409,
  'take.draft_expired': 409,
  'take_filter.not_found': 404,
  'take_filter.name_taken': 409,
  'note.not_found': 404,
  'note.not_allowed': 403,
  'provider.unknown': 422,
  'provider.unavailable': 409,
  'consent.asset_unavailable': 409,
  'provider.key_missing': 409,
  'provider.needs_no_key': 422,
  'provider_key.not_found': 404,
  'secrets.not_configured': 409,
  'model.unknown': 422,
  'settings.unsupported': 422,
  'generation.not_allowed': 403,
  'plan.incomplete': 409,
  'plan.not_locked': 409,
  'reference.uncleared': 409,
  'reference.restricted': 409,
  'reference.at_risk': 409,
  'reference.not_locked_version': 409,
  'consent.missing': 409,
  'consent.expired': 409,
  'consent.expiry_past': 409,
  'consent.not_found': 404,
  'consent.withdrawn': 409,
  'budget.exceeded': 409,
  'cap.exceeded': 409,
  'price.missing': 409,
  'review.invalid_transition': 409,
  'review.not_reviewable': 409,
  'review.already_approved': 409,
  'review.at_risk': 409,
  'review.override_denied': 403,
  'review.marks_invalid': 422,
  'review.criterion_invalid': 422,
  'handoff.at_risk': 409,
  'handoff.override_denied': 403,
  'handoff.empty': 409,
  'retention.off': 409,
  'cut.changed': 409,
  'handoff.timeline_invalid': 422,
  'handoff.format_unsupported': 422,
  'handoff.cut_unreadable': 422,
  // Dailies (issue 15).
  'dailies.not_found': 404,
  'dailies.closed': 409,
  'dailies.item_not_found': 404,
  'dailies.take_in_playlist': 409,
  'dailies.playlist_stale': 409,
  'dailies.playlist_full': 422,
  'dailies.not_attendee': 403,
  'dailies.not_member': 422,
  'review_link.not_found': 404,
  'review_link.invalid': 404,
  'review_link.expired': 410,
  'review_link.revoked': 410,
  'review_link.passcode_required': 401,
  'review_link.passcode_wrong': 401,
  'review_link.rate_limited': 429,
  'guest.required': 401,
  'model.retired': 409,
  // The dailies report (issue 15).
  'dailies.report_not_ready': 409,
  'dailies.report_stale': 409,
  'dailies.movie_empty': 422,
  'webhook.signature_invalid': 401,
  'workflow.not_found': 404,
  'workflow.invalid': 422,
  'workflow.name_taken': 409,
  'workflow.stale': 409,
  'archive.invalid': 422,
  'archive.project_exists': 409,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** Sends an error answer; `problems` lists every field at fault when there are several. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, field?: string, problems?: readonly FieldProblem[]) {
  return reply.status(statusOf(code)).send({ error: { code, message, ...(field ? { field } : {}), ...(problems && problems.length > 1 ? { problems } : {}) } });
}

/** One schema failure, as fastify-type-provider-zod reports it (zod's issue, flattened). */
interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
}

/** One schema issue as the dotted field at fault and what is wrong with it. */
function problemOf(issue: ValidationIssue | undefined): { field?: string; what: string; unknownKey: boolean } {
  const path = (issue?.instancePath ?? '').split('/').filter(Boolean);
  if (issue?.keyword === 'unrecognized_keys' && issue.params?.keys?.length) return { field: [...path, issue.params.keys[0]].join('.'), what: 'is not a field Backlot knows here', unknownKey: true };
  return { field: path.join('.') || undefined, what: (issue?.message ?? 'is not valid').replace(/^Invalid input: /, ''), unknownKey: false };
}

/**
 * Turns a schema failure into a sentence and the dotted field at fault (the first), with every
 * field at fault and its problem when there are several, so a form marks them all at once.
 */
function describeValidation(context: string | undefined, issues: ValidationIssue[]): { message: string; field?: string; problems?: FieldProblem[] } {
  const where = context === 'querystring' ? 'query parameter ' : context === 'params' ? 'path parameter ' : '';
  const first = problemOf(issues[0]);
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const p = problemOf(issue);
    if (p.field && !problems.some((q) => q.field === p.field)) problems.push({ field: p.field, message: p.what });
  }
  if (!first.field) return { message: context === 'body' ? `The request body is not valid: ${first.what}` : first.what };
  const message = first.unknownKey ? `${where}${first.field} ${first.what}` : `${where}${first.field}: ${first.what}`;
  return { message, field: first.field, ...(problems.length > 1 ? { problems } : {}) };
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) return sendError(reply, error.code, error.message, error.field, error.problems);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const d = describeValidation(error.validationContext, error.validation as unknown as ValidationIssue[]);
      return sendError(reply, 'request.invalid', d.message, d.field, d.problems);
    }
    if (error.validation) {
      const d = describeValidation(error.validationContext, error.validation as unknown as ValidationIssue[]);
      return sendError(reply, 'request.invalid', d.message, d.field, d.problems);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, 'request.malformed_json', 'The request body is not valid JSON.');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, 'request.malformed_json', 'The request body is empty; send a JSON object.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 'request.too_large', 'The request body is too large.');
      case 'FST_REQ_FILE_TOO_LARGE':
        return sendError(reply, 'blob.too_large', 'The file is larger than this server accepts.', 'file');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 'request.unsupported_media_type', 'Send the request body as application/json.');
    }
    if (error.statusCode === 429) return sendError(reply, 'auth.rate_limited', 'Too many attempts; wait a minute and try again.');
    if (error instanceof SyntaxError && error.statusCode === 400) return sendError(reply, 'request.malformed_json', 'The request body is not valid JSON.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'request.invalid', message: error.message } });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong inside Backlot; the request id helps the admin find it in the log.', requestId: String(request.id) } });
  });
}
