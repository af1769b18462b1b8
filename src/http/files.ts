// Pictures served for a platform to fetch (Zalo takes photos by URL only): unguessable, expiring, kept in memory.
//
// One instance serves what it rendered: behind a load balancer with several instances, route /files/ to the
// instance that answered (or to all, in turn, until one answers 200): an unknown link answers 404.
import { randomBytes } from 'node:crypto';
import type { RouteHandler } from './server.js';

export const FILES_PREFIX = '/files/';
/** Long enough for the platform to fetch it (Zalo fetches at once), short enough that a leaked link is soon dead. */
export const FILE_LIFETIME_MS = 10 * 60_000;
const MAX_FILES = 500;

export interface PublicFiles {
  /** Stores a file and returns its public URL under `baseUrl`. */
  publish(data: Uint8Array, mimeType: string): string;
  /** Serves GET /files/<name> (mount with the server's prefix route). */
  readonly handler: RouteHandler;
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

export function createPublicFiles(options: { baseUrl: string; lifetimeMs?: number; now?: () => number }): PublicFiles {
  const lifetime = options.lifetimeMs ?? FILE_LIFETIME_MS;
  const now = options.now ?? Date.now;
  const files = new Map<string, { data: Uint8Array; mimeType: string; expires: number }>();
  const prune = () => {
    const t = now();
    for (const [name, file] of files) if (file.expires <= t) files.delete(name);
    // Oldest first: a flood of pictures cannot grow memory without bound.
    while (files.size > MAX_FILES) files.delete(files.keys().next().value as string);
  };
  return {
    publish(data, mimeType) {
      prune();
      // 32 random bytes: the link is the only key, so it must not be guessable.
      const name = `${randomBytes(32).toString('hex')}.${EXTENSIONS[mimeType] ?? 'bin'}`;
      files.set(name, { data, mimeType, expires: now() + lifetime });
      return `${options.baseUrl}${FILES_PREFIX}${name}`;
    },
    handler(request, response) {
      const name = (request.url ?? '').split('?')[0]?.slice(FILES_PREFIX.length) ?? '';
      const file = files.get(name);
      if (!file || file.expires <= now()) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response
        .writeHead(200, {
          'content-type': file.mimeType,
          'content-length': file.data.length,
          'cache-control': 'private, no-store',
        })
        .end(file.data);
    },
  };
}
