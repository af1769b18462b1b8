// The HTTP server: health check, chat-platform webhooks (exact routes) and the web console (a prefix mount).
import http from 'node:http';
import type { Logger } from '../logger.js';

export type RouteHandler = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | void;

export interface HttpServer {
  readonly port: number;
  route(method: string, path: string, handler: RouteHandler): void;
  /** A handler for every path under `prefix` (which ends with "/"), when no exact route matches. */
  prefixRoute(method: string, prefix: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export async function startHttpServer(options: { host: string; port: number; logger: Logger }): Promise<HttpServer> {
  const routes = new Map<string, RouteHandler>();
  const prefixes: { method: string; prefix: string; handler: RouteHandler }[] = [];
  const server = http.createServer((request, response) => {
    // Only the path is ever logged: query strings can carry one-time tokens (web console sign-in links).
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const handler =
      routes.get(`${request.method} ${path}`) ??
      prefixes.find((p) => p.method === request.method && path.startsWith(p.prefix))?.handler;
    if (!handler) {
      const known = [...routes.keys()].some((key) => key.endsWith(` ${path}`));
      sendJson(response, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      return;
    }
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      options.logger.error({ err: error, path }, 'HTTP handler failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(`Cannot listen on ${options.host}:${options.port} (${error.code}): set HTTP_PORT to a free port`, {
          cause: error,
        }),
      ),
    );
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    prefixRoute(method, prefix, handler) {
      prefixes.push({ method: method.toUpperCase(), prefix, handler });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
