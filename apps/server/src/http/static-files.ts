import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Serves the built SPA: files by path, and index.html for any other GET so that client-side
 * routes survive a reload. Returns false when there is no build to serve. */
export function createStaticHandler(root: string) {
  const rootWithSep = root.endsWith(sep) ? root : root + sep;

  async function fileAt(urlPath: string): Promise<string | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    const path = normalize(join(root, decoded));
    if (!path.startsWith(rootWithSep)) return null; // no escaping the build folder
    const info = await stat(path).catch(() => null);
    return info?.isFile() ? path : null;
  }

  return async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = (await fileAt(urlPath)) ?? (await fileAt('/index.html'));
    if (!file) return false;
    const isHashedAsset = file.startsWith(join(root, 'assets') + sep);
    res.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'cache-control': isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    createReadStream(file).pipe(res);
    return true;
  };
}
