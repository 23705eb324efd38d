import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { isTrpcPath } from './edge-errors';
import { sendNotFound } from './json-reply';

const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/');

/** Serves the built SPA (@fastify/static): files by path, and index.html for any other GET
 * outside /api and /trpc, so that client-side routes survive a reload. Every other unknown
 * request gets the one JSON 404. Without a build, there is nothing but the 404. */
export const staticFilesPlugin = fp<{ root: string }>(
  async (app, { root }) => {
    const hasBuild = existsSync(join(root, 'index.html'));
    if (hasBuild) {
      const assets = join(root, 'assets') + sep;
      await app.register(fastifyStatic, {
        root,
        cacheControl: false,
        setHeaders: (reply, path) => {
          reply.header(
            'cache-control',
            path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const spaRoute =
        hasBuild &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        !isApiPath(path) &&
        !isTrpcPath(path);
      return spaRoute ? reply.sendFile('index.html') : sendNotFound(reply);
    });
  },
  { name: 'static-files' },
);
