/** Dailies: sessions and playlists, the room (presenter, presence, log), notes export, guest review links and what a guest may do, with the guest's event stream and media. */
import { Id, text, type DailiesEvent } from '@backlot/contracts';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { fail } from '../../domain/errors.ts';
import { GUEST_COOKIE } from '../auth.ts';
import { defineRoute } from '../define-route.ts';
import { sendBlob } from '../send-blob.ts';
import { actorOf, guestOf, roleOf, type RouteContext } from './context.ts';
import { ACCESS_RECHECK_MS } from './events.routes.ts';
import { answerWithProgress } from '../ndjson-progress.ts';

const GuestMediaParams = z.strictObject({ takeId: Id, sha256: text().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256' }) });

export function registerDailiesRoutes(app: FastifyInstance, { services, events }: RouteContext) {
  const { dailies, room, reviewLinks, notesExport, notes, dailiesReport, dailiesMovie } = services;
  const account = (request: Parameters<typeof actorOf>[0]) => actorOf(request).accountId;

  defineRoute(app, 'listDailies', async ({ params, request }) => ({ sessions: await dailies.list(params.projectId, account(request), roleOf(request)) }));
  defineRoute(app, 'createDailies', async ({ params, body, request }) => dailies.create(actorOf(request), roleOf(request), params.projectId, body));
  defineRoute(app, 'getDailies', async ({ params, request }) => dailies.get(params.projectId, account(request), roleOf(request), params.sessionId));
  defineRoute(app, 'updateDailies', async ({ params, body, request }) => dailies.update(actorOf(request), roleOf(request), params.projectId, params.sessionId, body));
  defineRoute(app, 'closeDailies', async ({ params, request }) => dailiesReport.close(actorOf(request), roleOf(request), params.projectId, params.sessionId));
  defineRoute(app, 'addDailiesItems', async ({ params, body, request }) => ({ items: await dailies.addItems(actorOf(request), roleOf(request), params.projectId, params.sessionId, body) }));
  defineRoute(app, 'reorderDailiesItems', async ({ params, body, request }) => ({ items: await dailies.reorder(actorOf(request), roleOf(request), params.projectId, params.sessionId, body.itemIds) }));
  defineRoute(app, 'moveDailiesItem', async ({ params, body, request }) => ({
    items: await dailies.moveItem(actorOf(request), roleOf(request), params.projectId, params.sessionId, params.itemId, body.position),
  }));
  defineRoute(app, 'removeDailiesItem', async ({ params, request }) => ({ items: await dailies.removeItem(actorOf(request), roleOf(request), params.projectId, params.sessionId, params.itemId) }));
  defineRoute(app, 'setDailiesAttendees', async ({ params, body, request }) => dailies.setAttendees(actorOf(request), params.projectId, params.sessionId, body.accountIds));

  defineRoute(app, 'presentDailies', async ({ params, body, request }) => room.present(actorOf(request), params.projectId, params.sessionId, body));
  defineRoute(app, 'dailiesPresence', async ({ params, body, request }) => room.memberPresence(actorOf(request), roleOf(request), params.projectId, params.sessionId, body.kind));
  defineRoute(app, 'dailiesLog', async ({ params, request }) => ({ entries: await room.log(account(request), roleOf(request), params.projectId, params.sessionId) }));
  defineRoute(app, 'exportDailiesNotes', async ({ params, query, request }) => notesExport.session(params.projectId, account(request), roleOf(request), params.sessionId, query.format));
  defineRoute(app, 'exportTakeNotes', async ({ params, query, request }) => notesExport.take(params.projectId, roleOf(request), params.takeId, query.format));

  defineRoute(app, 'listReviewLinks', async ({ params }) => ({ links: await reviewLinks.list(params.projectId, params.sessionId) }));
  defineRoute(app, 'createReviewLink', async ({ params, body, request }) => reviewLinks.create(actorOf(request), params.projectId, params.sessionId, body));
  defineRoute(app, 'revokeReviewLink', async ({ params, request }) => reviewLinks.revoke(actorOf(request), params.projectId, params.sessionId, params.linkId));

  defineRoute(app, 'joinReviewLink', async ({ body, request, reply }) => {
    const joined = await reviewLinks.join(body);
    reply.setCookie(GUEST_COOKIE, joined.secret, { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/api/v1/guest', expires: new Date(joined.expiresAt) });
    return joined;
  });
  defineRoute(app, 'guestDailies', async ({ request }) => reviewLinks.view(guestOf(request)));
  defineRoute(app, 'guestTakeNotes', async ({ params, request }) => {
    const guest = guestOf(request);
    return { notes: await notes.list('viewer', guest.projectId, params.takeId, guest.sessionId) };
  });
  defineRoute(app, 'guestCreateNote', async ({ params, body, request }) => {
    const guest = guestOf(request);
    const author = { guestId: guest.guestId, name: guest.name, linkId: guest.linkId, linkLabel: guest.linkLabel, sessionId: guest.sessionId };
    return notes.create({ accountId: '', name: guest.name }, 'viewer', guest.projectId, params.takeId, body, author);
  });
  defineRoute(app, 'guestPresence', async ({ body, request }) => {
    const guest = guestOf(request);
    const answer = await room.presence(
      guest.projectId,
      guest.sessionId,
      { key: `guest:${guest.guestId}`, name: `${guest.name} (guest)`, kind: 'guest', actorId: null, guestId: guest.guestId },
      body.kind,
    );
    if (body.kind !== 'heartbeat') await reviewLinks.auditPresence(guest, body.kind);
    return answer;
  });

  // A take's picture on the link, with Range: the files a viewer may fetch, of the link's takes only.
  app.get<{ Params: z.infer<typeof GuestMediaParams> }>(
    '/api/v1/guest/takes/:takeId/media/:sha256',
    { config: { action: 'guest.view' }, schema: { summary: "A take's picture on a review link, with Range support", tags: ['guest'], params: GuestMediaParams } },
    async (request, reply) => {
      await reviewLinks.assertFile(guestOf(request), request.params.takeId, request.params.sha256);
      const stat = (await services.media.stat(request.params.sha256)) ?? fail('blob.not_found', 'The file is recorded but missing from storage.');
      return sendBlob(services, request, reply, request.params.sha256, stat.size);
    },
  );

  // The report printed when the session closed: a web page and a PDF (files, not JSON; a viewer reads the client's cut).
  const ReportParams = z.strictObject({ projectId: Id, sessionId: Id });
  app.get<{ Params: z.infer<typeof ReportParams> }>(
    '/api/v1/projects/:projectId/dailies/:sessionId/report',
    { config: { action: 'dailies.read' }, schema: { summary: "A closed session's report as a web page (a viewer reads the client's cut)", tags: ['dailies'], params: ReportParams } },
    async (request, reply) => {
      const html = await dailiesReport.html(request.params.projectId, account(request), roleOf(request), request.params.sessionId);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    },
  );
  app.get<{ Params: z.infer<typeof ReportParams> }>(
    '/api/v1/projects/:projectId/dailies/:sessionId/report.pdf',
    { config: { action: 'dailies.read' }, schema: { summary: "A closed session's report as PDF, printed when it closed (a viewer gets the client's cut)", tags: ['dailies'], params: ReportParams } },
    async (request, reply) => {
      const pdf = await dailiesReport.pdf(request.params.projectId, account(request), roleOf(request), request.params.sessionId);
      reply.type('application/pdf').header('content-disposition', `attachment; filename="${pdf.fileName}"`).header('etag', `"${pdf.sha256}"`);
      return reply.send(Readable.from(pdf.body));
    },
  );

  // The playlist as one review movie: built (or the one built found) with its progress as NDJSON lines, then downloaded.
  // A GET: the movie is derived from the session, as the report and storyboard are; building it changes nothing one reads.
  app.get<{ Params: z.infer<typeof ReportParams> }>(
    '/api/v1/projects/:projectId/dailies/:sessionId/movie',
    {
      config: { action: 'dailies.read' },
      schema: { summary: 'Build the playlist as one review movie (or find the one built): NDJSON lines {"progress"} then {"movie"} or {"error"}', tags: ['dailies'], params: ReportParams },
    },
    async (request, reply) => {
      await answerWithProgress(request, reply, 'movie', (onProgress) => dailiesMovie.build(request.params.projectId, account(request), roleOf(request), request.params.sessionId, onProgress), {
        log: 'review movie failed',
        message: 'The movie could not be built; the server log says why.',
      });
    },
  );
  app.get<{ Params: z.infer<typeof ReportParams> }>(
    '/api/v1/projects/:projectId/dailies/:sessionId/movie.mp4',
    { config: { action: 'dailies.read' }, schema: { summary: 'The playlist as one review movie (MP4), built first when it is not yet', tags: ['dailies'], params: ReportParams } },
    async (request, reply) => {
      const movie = await dailiesMovie.build(request.params.projectId, account(request), roleOf(request), request.params.sessionId);
      reply.type('video/mp4').header('content-length', movie.size).header('content-disposition', `attachment; filename="${movie.fileName}"`).header('etag', `"${movie.sha256}"`);
      return reply.send(Readable.from(await dailiesMovie.open(movie.sha256)));
    },
  );

  // The guest's room as Server-Sent Events: the link's session only, ending when the link is revoked or expires.
  const open = new Set<() => void>();
  // Ended as the server starts closing, as the project streams are (see events.routes.ts).
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.get(
    '/api/v1/guest/events',
    { config: { action: 'guest.view' }, schema: { summary: "The review link's room as Server-Sent Events (dailies.presenter, dailies.presence, dailies.changed)", tags: ['guest'] } },
    async (request, reply) => {
      const guest = guestOf(request);
      const secret = request.headers.authorization?.startsWith('Guest ') ? request.headers.authorization.slice(6).trim() : request.cookies[GUEST_COOKIE]!;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 2000\n: connected\n\n`);
      const unsubscribe = events.subscribe(guest.projectId, (event) => {
        if (event.type === 'take.changed' || (event as DailiesEvent).sessionId !== guest.sessionId || res.writableEnded) return;
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      // The link is checked again every few seconds: revoked or expired, the stream ends.
      const recheck = setInterval(() => {
        reviewLinks.authenticate(secret).then(
          (g) => g || end(),
          () => end(),
        );
      }, ACCESS_RECHECK_MS);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      const end = () => {
        clearInterval(ping);
        clearInterval(recheck);
        unsubscribe();
        open.delete(end);
        if (!res.writableEnded) res.end();
      };
      open.add(end);
      request.raw.on('close', end);
      res.on('close', end);
    },
  );
}
