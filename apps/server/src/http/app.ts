/** Builds the Fastify application: plugins, the auth hook, every route, the OpenAPI document and the web UI. */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Container } from '../container.ts';
import { guardRouteDeclarations, registerAuth } from './auth.ts';
import { answerClientError } from './client-errors.ts';
import { UPLOAD_LIMITS } from './multipart.ts';
import { registerErrorHandler, sendError } from './error-handler.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerAdminRoutes } from './routes/admin.routes.ts';
import { MAX_UPLOAD_BYTES, registerAssetRoutes } from './routes/assets.routes.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerDemoRoutes } from './routes/demo.routes.ts';
import { registerEventRoutes } from './routes/events.routes.ts';
import { registerPlanRoutes, registerStoryboardRoutes } from './routes/plan.routes.ts';
import { registerProjectRoutes } from './routes/projects.routes.ts';
import { registerTakeRoutes } from './routes/takes.routes.ts';
import { registerNoteRoutes } from './routes/notes.routes.ts';
import { registerHomeRoutes } from './routes/home.routes.ts';
import { registerReviewRoutes } from './routes/review.routes.ts';
import { registerProviderKeyRoutes } from './routes/provider-keys.routes.ts';
import { registerSpendExportRoutes, registerSpendRoutes } from './routes/spend.routes.ts';
import { registerHandoffRoutes, registerHandoffZipRoutes } from './routes/handoff.routes.ts';
import { registerArchiveRoutes } from './routes/archive.routes.ts';
import { registerDailiesRoutes } from './routes/dailies.routes.ts';
import { registerComfyWorkflowRoutes } from './routes/comfyui.routes.ts';
import { registerRetentionRoutes } from './routes/retention.routes.ts';
import type { RouteContext } from './routes/context.ts';

export interface AppOptions {
  /** A pino logger; none logs nothing. */
  logger?: FastifyBaseLogger;
  /** Built web UI to serve at /, when present. */
  webDir?: string;
  /** Register extra routes before the app is ready (the route-declaration test uses it). */
  extraRoutes?: (app: FastifyInstance) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Log fields that must never be written: credentials travel in these. */
export const REDACTED_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'password', 'token', 'secret'];

/** A provider's callback carries the take's secret in its address: the segment after the take id. */
const WEBHOOK_SECRET = /(\/webhooks\/takes\/[^/]+\/)[^/]+/i;

/** The address as the request log writes it: no query string, and no webhook secret (even on an address no route matched). */
function loggedPath(url: string): string {
  return url.split('?')[0].replace(WEBHOOK_SECRET, '$1[redacted]');
}

export async function buildApp(container: Container, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: container.config.server.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    clientErrorHandler: answerClientError,
  });
  // An empty body sent as JSON (curl -X POST -H 'content-type: application/json') is no body, not bad JSON.
  app.addHook('onRequest', async (request) => {
    if (request.headers['content-length'] === '0' && request.headers['content-type']?.startsWith('application/json')) delete request.headers['content-type'];
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('registeredRoutes', guardRouteDeclarations(app));
  registerErrorHandler(app);
  await registerSecurityHeaders(app);

  // One line a request, with its id and who made it; never headers or bodies.
  app.addHook('onResponse', async (request, reply) => {
    reply.log.info({ method: request.method, url: loggedPath(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime), account: request.principal?.account.id }, 'request');
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, ...UPLOAD_LIMITS } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, error: { code: 'auth.rate_limited', message: 'Too many attempts; wait a minute and try again.' } }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Backlot API', version: '1', description: 'Production workspace for AI video. Errors are {"error": {"code", "message", "field"?}}.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (blt_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'backlot_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerAuth(app, container.services, { publicUrl: container.publicUrl, publicUrlConfigured: container.config.server.publicUrl !== undefined });
  const ctx: RouteContext = { services: container.services, sessionMaxDays: container.config.auth.sessionMaxDays, staging: container.staging, events: container.events };

  await app.register(async (api) => {
    // Sign-in, setup and password-reset requests are limited per client address.
    const limit = api.rateLimit({ max: container.config.auth.signInPerMinute, timeWindow: '1 minute' });
    const limited = new Set(['public.sign_in', 'public.password_reset', 'public.setup']);
    api.addHook('onRequest', async function (request, reply) {
      const action = request.routeOptions.config?.action;
      if (action && limited.has(action) && request.method !== 'GET') await limit.call(this, request, reply);
    });
    registerAuthRoutes(api, ctx);
    registerProjectRoutes(api, ctx);
    registerPlanRoutes(api, ctx);
    registerStoryboardRoutes(api, ctx);
    registerAssetRoutes(api, ctx);
    registerTakeRoutes(api, ctx);
    registerEventRoutes(api, ctx);
    registerNoteRoutes(api, ctx);
    registerHomeRoutes(api, ctx);
    registerReviewRoutes(api, ctx);
    registerDemoRoutes(api, ctx);
    registerAdminRoutes(api, ctx);
    registerProviderKeyRoutes(api, ctx);
    registerSpendRoutes(api, ctx);
    registerSpendExportRoutes(api, ctx);
    registerHandoffRoutes(api, ctx);
    registerHandoffZipRoutes(api, ctx);
    registerArchiveRoutes(api, ctx);
    registerDailiesRoutes(api, ctx);
    registerComfyWorkflowRoutes(api, ctx);
    registerRetentionRoutes(api, ctx);
    options.extraRoutes?.(api);
  });

  app.get('/api/openapi.json', { config: { action: 'public.docs' }, schema: { hide: true } }, async () => app.swagger());

  const webDir = options.webDir;
  if (webDir && existsSync(webDir)) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    // A missing script or image is a 404, never the page: only client routes (no extension) get index.html.
    const looksLikeFile = /\.[A-Za-z0-9]{1,8}$/.test(path) || path.startsWith('/assets/');
    if (path.startsWith('/api/') || request.method !== 'GET' || looksLikeFile || !webDir || !existsSync(webDir)) {
      return sendError(reply, 'route.not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
    }
    // The web UI routes on the client: every other GET answers with its page.
    return reply.type('text/html').sendFile('index.html');
  });

  await app.ready();
  return app;
}
