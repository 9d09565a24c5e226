/** Security headers on every answer (API, errors, the web UI and stored media), set by helmet before any route runs. */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The web UI's Content-Security-Policy: only its own built files run, and nothing inline. React's
 * style props go through CSSOM, which `style-src 'self'` allows; pictures and video also come from
 * data: and blob: URLs the UI makes (drawings, local previews of an upload).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Registers helmet on the whole app; its hook runs first, so even refusals and 404s carry the headers. */
export async function registerSecurityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    // Helmet's defaults add upgrade-insecure-requests, which breaks a server reached over plain HTTP on a LAN address.
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // No address (project and take ids) leaves the site in a Referer. Not `no-referrer`: under it a plain
    // form post carries `Origin: null`, which the cross-site check refuses.
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // HTTPS is the reverse proxy's business: a year-long HSTS pin (with subdomains) is not ours to set.
    strictTransportSecurity: false,
  });
}
