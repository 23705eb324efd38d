import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** Everything the SPA and the API docs load comes from this origin: no CDN, no inline script.
 * Inline styles stay allowed (components set style attributes); they cannot run code. */
const directives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
};

/** Helmet's headers on every response (API, SPA, 404, 500), set before any route writes, plus
 * a Permissions-Policy, which helmet leaves to the application. */
export const securityHeadersPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: { useDefaults: false, directives },
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
      // Browsers ignore it over plain HTTP, so it is safe to send on a local http:// too.
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      xFrameOptions: { action: 'deny' },
      xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
      xDownloadOptions: false,
      xXssProtection: false,
    });
    app.addHook('onRequest', (_request, reply, next) => {
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
      next();
    });
  },
  { name: 'security-headers' },
);
