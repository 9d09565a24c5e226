/** The one place where error codes become HTTP statuses, and every error takes the shape {error: {code, message, field?}}. */
import type { ErrorCode } from '@backlot/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../domain/errors.ts';

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
  'take.no_media': 409,
  'note.not_found': 404,
  'note.not_allowed': 403,
  'provider.unknown': 422,
  'provider.unavailable': 409,
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
  'budget.exceeded': 409,
  'price.missing': 409,
  'review.invalid_transition': 409,
  'review.not_reviewable': 409,
  'review.already_approved': 409,
  'review.at_risk': 409,
  'review.override_denied': 403,
  'review.marks_invalid': 422,
  'review.criterion_invalid': 422,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** Sends an error answer. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, field?: string) {
  return reply.status(statusOf(code)).send({ error: { code, message, ...(field ? { field } : {}) } });
}

/** One schema failure, as fastify-type-provider-zod reports it (zod's issue, flattened). */
interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
}

/** Turns a schema failure into a sentence and the dotted field at fault. */
function describeValidation(context: string | undefined, issues: ValidationIssue[]): { message: string; field?: string } {
  const first = issues[0];
  const path = (first?.instancePath ?? '').split('/').filter(Boolean);
  const where = context === 'querystring' ? 'query parameter ' : context === 'params' ? 'path parameter ' : '';
  if (first?.keyword === 'unrecognized_keys' && first.params?.keys?.length) {
    const field = [...path, first.params.keys[0]].join('.');
    return { message: `${where}${field} is not a field Backlot knows here`, field };
  }
  const field = path.join('.') || undefined;
  const what = (first?.message ?? 'is not valid').replace(/^Invalid input: /, '');
  if (!field) return { message: context === 'body' ? `The request body is not valid: ${what}` : what };
  return { message: `${where}${field}: ${what}`, field };
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) return sendError(reply, error.code, error.message, error.field);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const d = describeValidation(error.validationContext, error.validation as unknown as ValidationIssue[]);
      return sendError(reply, 'request.invalid', d.message, d.field);
    }
    if (error.validation) {
      const d = describeValidation(error.validationContext, error.validation as unknown as ValidationIssue[]);
      return sendError(reply, 'request.invalid', d.message, d.field);
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
