/**
 * Answers requests Node's HTTP parser refuses before any route sees them (a body cut short of its
 * Content-Length, malformed HTTP, headers too large, a request too slow to arrive) in Backlot's
 * error shape rather than Fastify's.
 */
import type { Socket } from 'node:net';
import type { ErrorCode } from '@backlot/contracts';

interface ParserError extends Error {
  code?: string;
}

function answerFor(err: ParserError): { status: number; label: string; code: ErrorCode; message: string } {
  switch (err.code) {
    case 'HPE_INVALID_EOF_STATE':
      return { status: 400, label: 'Bad Request', code: 'request.invalid', message: 'The request ended before its body was complete (less than its Content-Length arrived); send it again.' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, label: 'Request Header Fields Too Large', code: 'request.too_large', message: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, label: 'Request Timeout', code: 'request.invalid', message: 'The request took too long to arrive; send it again.' };
    default:
      return { status: 400, label: 'Bad Request', code: 'request.invalid', message: 'The request is not valid HTTP.' };
  }
}

/** Fastify's `clientErrorHandler`: writes the answer straight to the socket (no request exists) and closes it. */
export function answerClientError(err: ParserError, socket: Socket) {
  // A reset connection has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const d = answerFor(err);
  const body = JSON.stringify({ error: { code: d.code, message: d.message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${d.status} ${d.label}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
