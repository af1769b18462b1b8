// A small webhook endpoint on 127.0.0.1 standing in for the bot, for tests of the fakes' webhook delivery.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { listenOnLoopback } from './fake-server.js';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: unknown;
}
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

export interface WebhookReceiverOptions {
  /** The path of `url`, e.g. '/hook'. */
  path: string;
  /** Statuses to answer in turn; 200 once they are used up. */
  statuses?: number[];
  /** When set, a request whose `secret.header` is not `secret.value` answers 401 (it is still recorded). */
  secret?: { header: string; value: string };
}

/** Records every POST (headers and JSON body) and answers with the given statuses in turn, then 200. */
export async function startWebhookReceiver({
  path,
  statuses = [],
  secret,
}: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const pending = [...statuses];
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) });
      if (secret !== undefined && req.headers[secret.header.toLowerCase()] !== secret.value)
        return void res.writeHead(401).end();
      res.writeHead(pending.shift() ?? 200).end();
    });
  });
  const root = await listenOnLoopback(server);
  return {
    url: `${root}${path}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
