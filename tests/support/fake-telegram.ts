// A fake Telegram Bot API server on 127.0.0.1, for end-to-end tests and benchmarks that drive grammY's real client against it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Bot } from 'grammy';
import {
  ApiError,
  badRequest,
  closeServer,
  deliverWithRetries,
  InjectedErrors,
  listenOnLoopback,
  postJson,
  postUpdateTo,
  readBody,
  SlidingWindow,
  sendError,
  sendJson,
  Waiters,
} from './fake-server.js';

export type Update = Parameters<Bot['handleUpdate']>[0];
export type Message = NonNullable<Update['message']>;
type Json = Record<string, unknown>;
export type Params = Record<string, unknown>;

export interface FakeTelegramOptions {
  token?: string;
  botUsername?: string;
  /** Sends and text edits over all chats in a sliding one-second window; more answer 429. */
  globalRatePerSecond?: number;
  /** Sends and text edits to one chat in a sliding one-second window; more answer 429. */
  perChatRatePerSecond?: number;
  /** getMe answers only after this long (Telegram slow to answer while the bot starts). */
  getMeDelayMs?: number;
  /** Delivery attempts per update in webhook mode (default 3). */
  webhookAttempts?: number;
  webhookRetryDelayMs?: number;
  /**
   * Where a webhook URL is really reached: the bot's public https URL sits behind a TLS proxy, which the
   * tests replace by mapping it to the bot's loopback HTTP server.
   */
  resolveWebhookUrl?: (url: string) => string;
}

export interface ApiCall {
  method: string;
  params: Params;
  at: number;
}
export interface FileInfo {
  fileId: string;
  fileUniqueId: string;
  fileName?: string;
  mimeType?: string;
  size: number;
  bytes?: Buffer;
  url?: string;
  filePath: string;
}
export interface SentMessage {
  method: 'sendMessage' | 'sendDocument' | 'sendPhoto';
  chatId: number;
  messageId: number;
  /** The text or caption as the bot sent it (HTML source when parse_mode is HTML). */
  text: string;
  /** What the user sees: tags stripped, entities decoded, trimmed. */
  visible: string;
  parseMode?: string;
  replyMarkup?: Json;
  file?: FileInfo;
  /** The Message the fake answered with, as it was then. */
  message: Message;
  at: number;
}
export interface EditRecord {
  method: 'editMessageText' | 'editMessageReplyMarkup';
  chatId: number;
  messageId: number;
  text?: string;
  visible?: string;
  parseMode?: string;
  replyMarkup?: Json;
  at: number;
}
export interface CallbackAnswer {
  callbackQueryId: string;
  text?: string;
  showAlert?: boolean;
  url?: string;
  cacheTime?: number;
  at: number;
}
export interface WebhookDelivery {
  update_id: number;
  status: number;
  attempt: number;
  error?: string;
}
export interface FakeUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}
export interface InjectedError {
  error_code: number;
  description: string;
  retry_after?: number;
}
/** A message by our ids (a SentMessage) or as Telegram shapes it (the Message grammY returned). */
export type MessageRef = { chatId: number; messageId: number } | { chat: { id: number }; message_id: number };
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  user?: { id: number };
}
export interface BotCommand {
  command: string;
  description: string;
}

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_BODY = 60 * 1024 * 1024;
// Telegram's documented flood limits are about messages, so chat actions ("typing…") are left out of the windows.
const RATE_LIMITED = new Set(['sendMessage', 'sendDocument', 'sendPhoto', 'editMessageText']);
const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);
// Telegram only sends these update types when they are asked for in allowed_updates.
const OPT_IN_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const WEBHOOK_CONFLICT =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

// ---------------------------------------------------------------- Telegram's HTML parse mode

const TAG_ENTITY: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  blockquote: 'blockquote',
};
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const SPACE = /\s/;

function decodeEntity(name: string): string | undefined {
  if (!name.startsWith('#')) return NAMED_ENTITIES[name];
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : undefined;
}

/**
 * Parses text the way Telegram's parse_mode HTML does: the visible text (trimmed, offsets in UTF-16 code units) and its entities,
 * or the reason Telegram gives for refusing it. Unknown named entities are refused, stricter than Telegram (which shows them
 * literally), because in a bot they always mean text that was not escaped.
 */
export function parseHtml(html: string): { text: string; entities: MessageEntity[] } | { error: string } {
  const byteAt = (i: number) => Buffer.byteLength(html.slice(0, i));
  const fail = (msg: string) => ({ error: `can't parse entities: ${msg}` });
  const open: Array<{
    tag: string;
    offset: number;
    at: number;
    href?: string;
    language?: string;
    expandable: boolean;
  }> = [];
  const entities: MessageEntity[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '&') {
      const m = /^&(#\d{1,10}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]{0,31});/.exec(html.slice(i, i + 44));
      if (m) {
        const decoded = decodeEntity(m[1]!);
        if (decoded === undefined) return fail(`Unsupported HTML entity "${m[0]}" at byte offset ${byteAt(i)}`);
        text += decoded;
        i += m[0].length;
        continue;
      }
    }
    if (ch !== '<') {
      text += ch;
      i++;
      continue;
    }
    const start = i;
    let j = i + 1;
    if (html[j] === '/') {
      j++;
      while (j < html.length && html[j] !== '>' && !SPACE.test(html[j]!)) j++;
      const name = html.slice(start + 2, j).toLowerCase();
      while (j < html.length && SPACE.test(html[j]!)) j++;
      if (html[j] !== '>') return fail(`Unclosed end tag at byte offset ${byteAt(start)}`);
      const top = open.pop();
      if (!top) return fail(`Unexpected end tag at byte offset ${byteAt(start)}`);
      if (name && name !== top.tag)
        return fail(`Unmatched end tag at byte offset ${byteAt(start)}, expected "</${top.tag}>", found "</${name}>"`);
      closeEntity(top, text, entities);
      i = j + 1;
      continue;
    }
    while (j < html.length && html[j] !== '>' && !SPACE.test(html[j]!)) j++;
    if (j >= html.length) return fail(`Unclosed start tag at byte offset ${byteAt(start)}`);
    const tag = html.slice(start + 1, j).toLowerCase();
    if (!Object.hasOwn(TAG_ENTITY, tag)) return fail(`Unsupported start tag "${tag}" at byte offset ${byteAt(start)}`);
    const attrs: Record<string, string> = {};
    for (;;) {
      while (j < html.length && SPACE.test(html[j]!)) j++;
      if (j >= html.length) return fail(`Unclosed start tag at byte offset ${byteAt(start)}`);
      if (html[j] === '>') break;
      const nameAt = j;
      while (j < html.length && !/[\s=>/"']/.test(html[j]!)) j++;
      const attr = html.slice(nameAt, j).toLowerCase();
      if (!attr) return fail(`Empty attribute name in the tag "${tag}" at byte offset ${byteAt(start)}`);
      while (j < html.length && SPACE.test(html[j]!)) j++;
      if (html[j] !== '=') {
        attrs[attr] = '';
        continue;
      }
      j++;
      while (j < html.length && SPACE.test(html[j]!)) j++;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const end = html.indexOf(quote, j + 1);
        if (end < 0) return fail(`Unclosed start tag at byte offset ${byteAt(start)}`);
        attrs[attr] = html
          .slice(j + 1, end)
          .replace(/&(#\d{1,10}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z]+);/g, (all, name: string) => decodeEntity(name) ?? all);
        j = end + 1;
      } else {
        const valueAt = j;
        while (j < html.length && /[A-Za-z0-9.-]/.test(html[j]!)) j++;
        if (j < html.length && html[j] !== '>' && !SPACE.test(html[j]!))
          return fail(`Unexpected end of name token at byte offset ${byteAt(j)}`);
        attrs[attr] = html.slice(valueAt, j).toLowerCase();
      }
    }
    if (tag === 'span' && attrs.class !== 'tg-spoiler')
      return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteAt(start)}`);
    const language =
      tag === 'code' && attrs.class?.startsWith('language-') ? attrs.class.slice('language-'.length) : undefined;
    open.push({
      tag,
      offset: text.length,
      at: j + 1,
      href: attrs.href,
      language,
      expandable: tag === 'blockquote' && 'expandable' in attrs,
    });
    i = j + 1;
  }
  if (open.length > 0) return fail(`Can't find end tag corresponding to start tag "${open.at(-1)!.tag}"`);
  for (const e of entities) if (e.type === 'code') delete e.language;
  return trimParsed(text, entities);
}

function closeEntity(
  top: { tag: string; offset: number; href?: string; language?: string; expandable: boolean },
  text: string,
  entities: MessageEntity[],
): void {
  const offset = top.offset;
  const length = text.length - offset;
  if (length <= 0) return; // Telegram drops empty entities
  const last = entities.at(-1);
  switch (top.tag) {
    case 'a': {
      const url = top.href ?? text.slice(offset);
      const user = /^tg:\/\/user\?id=(\d+)$/.exec(url);
      if (user) entities.push({ type: 'text_mention', offset, length, user: { id: Number(user[1]) } });
      else if (url) entities.push({ type: 'text_link', offset, length, url });
      return;
    }
    case 'pre':
      // <pre><code class="language-x"> is one pre entity with a language, not two entities.
      if (last?.type === 'code' && last.offset === offset && last.length === length) {
        last.type = 'pre';
        if (!last.language) delete last.language;
      } else entities.push({ type: 'pre', offset, length });
      return;
    case 'code':
      entities.push(
        top.language ? { type: 'code', offset, length, language: top.language } : { type: 'code', offset, length },
      );
      return;
    case 'blockquote':
      entities.push({ type: top.expandable ? 'expandable_blockquote' : 'blockquote', offset, length });
      return;
    default:
      entities.push({ type: TAG_ENTITY[top.tag]!, offset, length });
  }
}

/** Telegram strips leading and trailing whitespace from every message, entities included. */
function trimParsed(text: string, entities: MessageEntity[]): { text: string; entities: MessageEntity[] } {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const end = lead + trimmed.length;
  const kept: MessageEntity[] = [];
  for (const e of entities) {
    const from = Math.max(e.offset, lead);
    const to = Math.min(e.offset + e.length, end);
    if (to > from) kept.push({ ...e, offset: from - lead, length: to - from });
  }
  kept.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: trimmed, entities: kept };
}

/** The text a user sees for an HTML message: tags stripped, entities decoded, trimmed (best effort for markup Telegram would refuse). */
export function visibleText(html: string): string {
  const parsed = parseHtml(html);
  if ('text' in parsed) return parsed.text;
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d{1,10}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z]+);/g, (all, name: string) => decodeEntity(name) ?? all)
    .trim();
}

function formatText(
  raw: unknown,
  parseMode: unknown,
  entities: unknown,
  kind: 'text' | 'caption',
): { text: string; entities: MessageEntity[] } {
  const source = raw === undefined || raw === null ? '' : String(raw);
  let parsed: { text: string; entities: MessageEntity[] };
  if (parseMode === undefined || parseMode === null || parseMode === '') {
    parsed = { text: source.trim(), entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] };
  } else if (parseMode === 'HTML') {
    const result = parseHtml(source);
    if ('error' in result) throw badRequest(result.error);
    parsed = result;
  } else if (parseMode === 'MarkdownV2' || parseMode === 'Markdown') {
    parsed = { text: source.trim(), entities: [] }; // accepted but not modelled: this project writes HTML
  } else throw badRequest('unsupported parse_mode');
  if (kind === 'text' && !parsed.text)
    throw badRequest(source.trim() ? 'text must be non-empty' : 'message text is empty');
  if (kind === 'text' && parsed.text.length > MAX_TEXT) throw badRequest('message is too long');
  if (kind === 'caption' && parsed.text.length > MAX_CAPTION) throw badRequest('message caption is too long');
  return parsed;
}

const BUTTON_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

function checkReplyMarkup(markup: unknown): Json | undefined {
  if (markup === undefined || markup === null) return undefined;
  if (typeof markup !== 'object' || Array.isArray(markup))
    throw badRequest("can't parse reply keyboard markup JSON object");
  const rows = (markup as Json).inline_keyboard;
  if (rows === undefined) return markup as Json;
  if (!Array.isArray(rows) || !rows.every(Array.isArray))
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  for (const button of (rows as unknown[][]).flat() as Json[]) {
    if (typeof button?.text !== 'string')
      throw badRequest(`can't parse inline keyboard button: Field "text" must be of type String`);
    if (!BUTTON_ACTIONS.some((k) => k in button)) throw badRequest('text buttons are unallowed in the inline keyboard');
    const data = button.callback_data;
    if (data !== undefined && (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64))
      throw badRequest('BUTTON_DATA_INVALID');
    if (button.url !== undefined && (typeof button.url !== 'string' || !URL.canParse(button.url)))
      throw badRequest('BUTTON_URL_INVALID');
  }
  return markup as Json;
}

// ---------------------------------------------------------------- request parsing

/** A file that came in a multipart body; kept apart from plain fields so `calls` can summarise it. */
class Upload {
  constructor(
    readonly fileName: string | undefined,
    readonly mimeType: string | undefined,
    readonly bytes: Buffer,
  ) {}
  summary(): Json {
    return { upload: true, file_name: this.fileName, size: this.bytes.length, mime_type: this.mimeType };
  }
}

// Form, multipart and query values are all strings; Telegram reads each by its declared type, and so do we for the ones used here.
const INT_FIELDS = new Set([
  'chat_id',
  'message_id',
  'offset',
  'limit',
  'timeout',
  'max_connections',
  'cache_time',
  'message_thread_id',
  'reply_to_message_id',
  'from_chat_id',
  'user_id',
]);
const BOOL_FIELDS = new Set([
  'drop_pending_updates',
  'show_alert',
  'disable_notification',
  'protect_content',
  'has_spoiler',
  'disable_content_type_detection',
  'allow_sending_without_reply',
  'show_caption_above_media',
]);
const JSON_FIELDS = new Set([
  'reply_markup',
  'commands',
  'scope',
  'link_preview_options',
  'entities',
  'caption_entities',
  'allowed_updates',
  'reply_parameters',
]);

function coerce(fields: Record<string, string>): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(fields)) {
    if (INT_FIELDS.has(key) && /^-?\d+$/.test(value)) params[key] = Number(value);
    else if (BOOL_FIELDS.has(key) && (value === 'true' || value === 'false')) params[key] = value === 'true';
    else if (JSON_FIELDS.has(key)) {
      try {
        params[key] = JSON.parse(value);
      } catch {
        throw badRequest(
          key === 'reply_markup' ? "can't parse reply keyboard markup JSON object" : `can't parse ${key} JSON object`,
        );
      }
    } else params[key] = value;
  }
  return params;
}

function parseMultipart(
  body: Buffer,
  boundary: string,
): { fields: Record<string, string>; files: Map<string, Upload> } {
  const fields: Record<string, string> = {};
  const files = new Map<string, Upload>();
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw badRequest('wrong multipart/form-data body');
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--boundary--"
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const next = body.indexOf(between, pos);
    if (next < 0) throw badRequest('wrong multipart/form-data body');
    const part = body.subarray(pos, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headerEnd < 0 ? part.length : headerEnd).toString('utf8');
    const content = headerEnd < 0 ? Buffer.alloc(0) : part.subarray(headerEnd + 4);
    const headers = new Map(
      head
        .split('\r\n')
        .map((line) => [
          line.slice(0, line.indexOf(':')).trim().toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
    );
    const disposition = headers.get('content-disposition') ?? '';
    const name = /(?:^|;)\s*name=(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
    // grammY writes `filename=` unquoted and last, so an unquoted name runs to the end of the line.
    const fileName =
      /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition) ?? /filename=(?:"([^"]*)"|(.*))$/i.exec(disposition);
    const field = name?.[1] ?? name?.[2];
    if (field !== undefined) {
      if (fileName) {
        const raw = fileName[1] ?? fileName[2] ?? '';
        files.set(
          field,
          new Upload(
            /^filename\*/i.test(fileName[0]) ? decodeURIComponent(raw) : raw.trim(),
            headers.get('content-type'),
            Buffer.from(content),
          ),
        );
      } else fields[field] = content.toString('utf8');
    }
    pos = next + 2;
  }
  return { fields, files };
}

async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const strings: Record<string, string> = Object.fromEntries(url.searchParams);
  const body = await readBody(req, MAX_BODY);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (body.length === 0) return coerce(strings);
  if (type.startsWith('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badRequest("can't parse JSON object");
    return { ...coerce(strings), ...(json as Params) };
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
    if (!boundary) throw badRequest('wrong multipart/form-data body');
    const { fields, files } = parseMultipart(body, (boundary[1] ?? boundary[2]!).trim());
    const params = coerce({ ...strings, ...fields });
    const attached = new Set<string>();
    for (const [key, value] of Object.entries(params)) {
      const file =
        typeof value === 'string' && value.startsWith('attach://')
          ? files.get(value.slice('attach://'.length))
          : undefined;
      if (file) {
        params[key] = file;
        attached.add(value as string);
      }
    }
    for (const [field, file] of files) if (!attached.has(`attach://${field}`)) params[field] = file;
    return params;
  }
  return coerce({ ...strings, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) });
}

function summarise(params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v instanceof Upload ? v.summary() : v]));
}

// ---------------------------------------------------------------- the server

interface StoredMessage {
  message: Json;
  byBot: boolean;
  deleted: boolean;
}
interface Poller {
  wake(): void;
  fail(error: ApiError): void;
  end(): void;
}

export class FakeTelegram {
  readonly token: string;
  readonly botUsername: string;
  apiRoot = '';
  readonly calls: ApiCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly edits: EditRecord[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];
  readonly stats = { requests: 0, rateLimited: 0, byMethod: {} as Record<string, number> };
  /** Commands by language code ('' = default); other scopes are keyed `type[:chat_id[:user_id]]/language`. */
  readonly commands: Record<string, BotCommand[]> = {};

  private readonly server: Server;
  private readonly botId: number;
  private readonly queue: Json[] = [];
  private nextUpdateId = 100_000_001;
  private poller: Poller | undefined;
  private allowedUpdates: string[] = [];
  private webhook: { url: string; secret?: string; maxConnections?: number } | undefined;
  private lastWebhookError: { date: number; message: string } | undefined;
  private pumping = false;
  private readonly messages = new Map<number, Map<number, StoredMessage>>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly users = new Map<number, Json>();
  private readonly files = new Map<string, FileInfo>();
  private readonly openQueries = new Set<string>();
  private readonly blocked = new Set<number>();
  /** Groups the bot was removed from (left, kicked): sends there answer 403 as on Telegram. */
  private readonly removedFrom = new Set<number>();
  /** Groups upgraded to supergroups: the old id → the new one (sends to the old id answer 400 with the new id). */
  private readonly upgraded = new Map<number, number>();
  private readonly groupTitles = new Map<number, string>();
  private readonly injected = new InjectedErrors<InjectedError>();
  private readonly globalWindow = new SlidingWindow();
  private readonly chatWindows = new Map<number, SlidingWindow>();
  private readonly waiters = new Waiters();
  private readonly shutdown = new AbortController();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: FakeTelegramOptions = {}) {
    this.token = options.token ?? '123456:TEST-token';
    this.botUsername = options.botUsername ?? 'dondoc_test_bot';
    this.botId = Number(this.token.split(':')[0]) || 123456;
    this.server = createServer((req, res) => void this.onRequest(req, res).catch((e: unknown) => sendError(res, e)));
  }

  /** @internal use startFakeTelegram() */
  async listen(): Promise<void> {
    this.apiRoot = await listenOnLoopback(this.server);
  }

  /** Answers any pending long poll, stops webhook delivery and closes the server and its keep-alive sockets. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.shutdown.abort();
    this.poller?.end();
    this.waiters.failAll('the fake Telegram server was closed');
    // The long-poll answers written just now leave before their sockets are cut.
    this.closing = closeServer(this.server);
    return this.closing;
  }

  // ---------------------------------------------------------------- failure injection

  blockChat(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /** The next `times` calls of `method` fail with this error (before any other check). */
  failNext(method: string, error: InjectedError, times = 1): void {
    this.injected.add(method, error, times);
  }

  // ---------------------------------------------------------------- simulated users

  /** A private-chat text message from `from`, queued for the bot. */
  sendText(from: FakeUser, text: string): Update {
    const user = this.rememberUser(from);
    const command = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
    const stored = this.storeMessage(
      from.id,
      {
        from: user,
        text,
        ...(command && { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }),
      },
      false,
    );
    return this.enqueue({ message: structuredClone(stored.message) });
  }

  /**
   * A message from `from` in a group (a negative id; below -10^12 a supergroup), as Telegram delivers it to a bot: a
   * leading command gets a bot_command entity, every `@username` a mention entity; `replyTo` makes it a reply to a
   * message of that group.
   */
  sendGroupText(
    from: FakeUser,
    group: { id: number; title?: string },
    text: string,
    options: { replyTo?: number } = {},
  ): Update {
    if (group.id >= 0) throw new Error('sendGroupText: a group id is negative');
    if (group.title) this.groupTitles.set(group.id, group.title);
    const user = this.rememberUser(from);
    const entities: MessageEntity[] = [];
    const command = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
    if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
    for (const mention of text.matchAll(/(?<![\w@])@[A-Za-z0-9_]{5,32}\b/g))
      entities.push({ type: 'mention', offset: mention.index, length: mention[0].length });
    const target = options.replyTo !== undefined ? this.messages.get(group.id)?.get(options.replyTo) : undefined;
    if (options.replyTo !== undefined && !target) throw new Error(`sendGroupText: no message ${options.replyTo}`);
    const stored = this.storeMessage(
      group.id,
      {
        from: user,
        text,
        ...(entities.length > 0 && { entities }),
        ...(target && { reply_to_message: structuredClone(target.message) }),
      },
      false,
    );
    return this.enqueue({ message: structuredClone(stored.message) });
  }

  /**
   * The bot's membership in a group changed (`my_chat_member`), by `by`: added (`member`, `administrator`) or removed
   * (`left`, `kicked`). Once removed, sends to the group answer 403 "bot was kicked from the group chat".
   */
  setGroupMembership(
    by: FakeUser,
    group: { id: number; title?: string },
    status: 'member' | 'administrator' | 'left' | 'kicked',
    /** False: the update is lost (the bot was down past Telegram's keeping), and the bot learns it only from a send. */
    options: { deliver?: boolean } = {},
  ): Update | undefined {
    if (group.title) this.groupTitles.set(group.id, group.title);
    const removed = status === 'left' || status === 'kicked';
    const old = this.removedFrom.has(group.id) ? 'left' : 'member';
    if (removed) this.removedFrom.add(group.id);
    else this.removedFrom.delete(group.id);
    const member = (value: string) => ({
      user: this.botUser(),
      status: value,
      ...(value === 'kicked' && { until_date: 0 }),
    });
    if (options.deliver === false) return undefined;
    return this.enqueue({
      my_chat_member: {
        chat: this.chat(group.id),
        from: this.rememberUser(by),
        date: nowSeconds(),
        old_chat_member: member(old),
        new_chat_member: member(status),
      },
    });
  }

  /**
   * A group upgraded to a supergroup: the old group gets a service message with migrate_to_chat_id, and sends to the
   * old id then answer 400 "group chat was upgraded to a supergroup chat" with the new id in the parameters.
   */
  upgradeGroup(from: number, to: number, options: { announce?: boolean } = {}): Update | undefined {
    if (from >= 0 || to > -1_000_000_000_000) throw new Error('upgradeGroup: from a group id to a supergroup id');
    this.upgraded.set(from, to);
    const title = this.groupTitles.get(from);
    if (title) this.groupTitles.set(to, title);
    if (options.announce === false) return undefined;
    const stored = this.storeMessage(from, { from: this.botUser(), migrate_to_chat_id: to }, false);
    return this.enqueue({ message: structuredClone(stored.message) });
  }

  /** A press on an inline button of a message the bot sent; issues a fresh callback query id. */
  pressButton(from: FakeUser, message: MessageRef, data: string): Update {
    const [chatId, messageId] =
      'chatId' in message ? [message.chatId, message.messageId] : [message.chat.id, message.message_id];
    const stored = this.messages.get(chatId)?.get(messageId);
    if (!stored || stored.deleted) throw new Error(`pressButton: there is no message ${messageId} in chat ${chatId}`);
    const id = (BigInt(`0x${randomBytes(8).toString('hex')}`) % 10n ** 19n).toString();
    this.openQueries.add(id);
    const user = this.rememberUser(from);
    return this.enqueue({
      callback_query: {
        id,
        from: user,
        message: structuredClone(stored.message),
        chat_instance: String(chatId * 7919 + 13),
        data,
      },
    });
  }

  /** Queues any raw update; an update_id is assigned unless one is given. File ids found in it become valid for re-sending. */
  enqueue(update: object): Update {
    const given = (update as Json).update_id;
    const u = { update_id: typeof given === 'number' ? given : this.nextUpdateId, ...update } as Json;
    this.nextUpdateId = Math.max(this.nextUpdateId, (u.update_id as number) + 1);
    this.learnFileIds(u);
    this.learnMessage(u.message);
    this.queue.push(u);
    if (this.webhook) void this.pumpWebhook();
    else this.poller?.wake();
    return u as unknown as Update;
  }

  /** Registers a file (e.g. one a user uploads) so that getFile and the file download URL serve it. */
  registerFile(file: { bytes: Buffer; fileName?: string; mimeType?: string }): FileInfo {
    return this.addFile(
      { bytes: file.bytes, fileName: file.fileName, mimeType: file.mimeType, size: file.bytes.length },
      'BQAC',
    );
  }

  /** POSTs one update to the webhook as Telegram would, with the configured secret unless `secret` says otherwise (null = no header). */
  async postUpdate(
    update: object,
    options: { secret?: string | null; url?: string } = {},
  ): Promise<{ status: number; body: string }> {
    const url = options.url ?? (this.webhook && this.reach(this.webhook.url));
    const secret = options.secret === undefined ? this.webhook?.secret : options.secret;
    return postUpdateTo(
      url,
      JSON.stringify(update),
      secret ? { 'x-telegram-bot-api-secret-token': secret } : {},
      this.shutdown.signal,
      'no webhook is set',
    );
  }

  private reach(url: string): string {
    return this.options.resolveWebhookUrl?.(url) ?? url;
  }

  // ---------------------------------------------------------------- inspection and waiting

  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }

  /** The current state of a message (after edits), or undefined when it does not exist or was deleted. */
  message(chatId: number, messageId: number): Message | undefined {
    const stored = this.messages.get(chatId)?.get(messageId);
    return stored && !stored.deleted ? (structuredClone(stored.message) as unknown as Message) : undefined;
  }

  waitForSent(
    predicate: (m: SentMessage) => boolean = () => true,
    { count = 1, timeoutMs = 10_000 }: { count?: number; timeoutMs?: number } = {},
  ): Promise<SentMessage[]> {
    return this.waiters.forSent(
      this.sent,
      predicate,
      count,
      timeoutMs,
      (m) => `#${m.messageId} → ${m.chatId} [${m.method}] ${JSON.stringify(m.visible.slice(0, 100))}`,
    );
  }

  waitForCalls(method: string, count = 1, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<ApiCall[]> {
    return this.waiters.forCalls(this.calls, this.stats.byMethod, method, count, timeoutMs);
  }

  /** Resolves with the first `count` delivery attempts to the webhook (failed ones included). */
  waitForWebhookDeliveries(count = 1, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<WebhookDelivery[]> {
    return this.waiters.forDeliveries(this.webhookDeliveries, count, timeoutMs);
  }

  private notify(): void {
    this.waiters.notify();
  }

  // ---------------------------------------------------------------- HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.stats.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const download = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    if (download) return this.serveFile(download[1]!, decodeURIComponent(download[2]!), res);
    const route = /^\/bot([^/]*)\/(?:test\/)?([^/]*)\/?$/.exec(url.pathname);
    if (!route) return sendError(res, new ApiError(404, 'Not Found'));
    if (route[1] !== this.token) return sendError(res, new ApiError(401, 'Unauthorized'));
    const params = await readParams(req, url);
    // Method names are case-insensitive on the real server.
    const method = Object.keys(this.handlers).find((m) => m.toLowerCase() === route[2]!.toLowerCase()) ?? route[2]!;
    sendJson(res, 200, { ok: true, result: await this.invoke(method, params, res) });
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    const file =
      token === this.token ? [...this.files.values()].find((f) => f.filePath === path && f.bytes) : undefined;
    if (!file?.bytes) {
      sendError(res, new ApiError(404, 'Not Found'));
      return;
    }
    res.writeHead(200, {
      'content-type': file.mimeType ?? 'application/octet-stream',
      'content-length': file.bytes.length,
    });
    res.end(file.bytes);
  }

  private invoke(method: string, params: Params, res?: ServerResponse): Promise<unknown> {
    this.calls.push({ method, params: summarise(params), at: Date.now() });
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    let outcome: unknown;
    try {
      const handler = this.handlers[method];
      if (!handler) throw new ApiError(404, 'Not Found');
      const injected = this.takeInjected(method);
      if (injected) throw injected;
      outcome = handler(params, res);
    } catch (error) {
      if (error instanceof ApiError && error.code === 429) this.stats.rateLimited++;
      outcome = Promise.reject(error);
    } finally {
      this.notify();
    }
    return Promise.resolve(outcome);
  }

  private getMeResult(): Json {
    return {
      ...this.botUser(),
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
  }

  private takeInjected(method: string): ApiError | undefined {
    const error = this.injected.take(method);
    return error && new ApiError(error.error_code, error.description, error.retry_after);
  }

  private readonly handlers: Record<string, (p: Params, res?: ServerResponse) => unknown> = {
    getMe: async () => {
      if (this.options.getMeDelayMs) await new Promise((resolve) => setTimeout(resolve, this.options.getMeDelayMs));
      return this.getMeResult();
    },
    getUpdates: (p, res) => this.getUpdates(p, res),
    setWebhook: (p) => this.setWebhook(p),
    deleteWebhook: (p) => {
      if (p.drop_pending_updates === true) this.queue.length = 0;
      this.webhook = undefined;
      return true;
    },
    getWebhookInfo: () => ({
      url: this.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
      ...(this.webhook?.maxConnections !== undefined && { max_connections: this.webhook.maxConnections }),
      ...(this.webhook && this.allowedUpdates.length > 0 && { allowed_updates: this.allowedUpdates }),
      ...(this.webhook &&
        this.lastWebhookError && {
          last_error_date: this.lastWebhookError.date,
          last_error_message: this.lastWebhookError.message,
        }),
    }),
    sendMessage: (p) => {
      const chatId = chatIdOf(p.chat_id);
      const body = formatText(p.text, p.parse_mode, p.entities, 'text');
      const markup = checkReplyMarkup(p.reply_markup);
      const replyTo = this.replyTarget(chatId, p);
      this.admit('sendMessage', chatId);
      const stored = this.storeMessage(
        chatId,
        {
          text: body.text,
          ...(body.entities.length > 0 && { entities: body.entities }),
          ...replyTo,
          ...inlineMarkup(markup),
        },
        true,
      );
      return this.recordSent('sendMessage', chatId, p.text, body.text, p, markup, stored);
    },
    sendDocument: (p) => this.sendFile('sendDocument', p),
    sendPhoto: (p) => this.sendFile('sendPhoto', p),
    sendChatAction: (p) => {
      const chatId = chatIdOf(p.chat_id);
      if (typeof p.action !== 'string' || !CHAT_ACTIONS.has(p.action))
        throw badRequest('wrong parameter action in request');
      this.admit('sendChatAction', chatId);
      return true;
    },
    editMessageText: (p) => {
      const { chatId, stored } = this.editTarget(p);
      const body = formatText(p.text, p.parse_mode, p.entities, 'text');
      const markup = checkReplyMarkup(p.reply_markup);
      if (typeof stored.message.text !== 'string') throw badRequest('there is no text in the message to edit');
      const entities = body.entities.length > 0 ? body.entities : undefined;
      // Leaving reply_markup out of an edit removes the inline keyboard, as on Telegram.
      const keyboard = inlineMarkup(markup).reply_markup;
      if (
        stored.message.text === body.text &&
        same(stored.message.entities, entities) &&
        same(stored.message.reply_markup, keyboard)
      )
        throw badRequest(NOT_MODIFIED);
      this.admit('editMessageText', chatId);
      Object.assign(stored.message, { text: body.text, entities, reply_markup: keyboard, edit_date: nowSeconds() });
      dropUndefined(stored.message);
      this.edits.push({
        method: 'editMessageText',
        chatId,
        messageId: stored.message.message_id as number,
        text: String(p.text),
        visible: body.text,
        parseMode: optionalString(p.parse_mode),
        replyMarkup: markup,
        at: Date.now(),
      });
      this.notify();
      return structuredClone(stored.message);
    },
    editMessageReplyMarkup: (p) => {
      const { chatId, stored } = this.editTarget(p);
      const keyboard = inlineMarkup(checkReplyMarkup(p.reply_markup)).reply_markup;
      if (same(stored.message.reply_markup, keyboard)) throw badRequest(NOT_MODIFIED);
      this.admit('editMessageReplyMarkup', chatId);
      Object.assign(stored.message, { reply_markup: keyboard, edit_date: nowSeconds() });
      dropUndefined(stored.message);
      this.edits.push({
        method: 'editMessageReplyMarkup',
        chatId,
        messageId: stored.message.message_id as number,
        replyMarkup: keyboard,
        at: Date.now(),
      });
      this.notify();
      return structuredClone(stored.message);
    },
    deleteMessage: (p) => {
      const chatId = chatIdOf(p.chat_id);
      const stored = this.messages.get(chatId)?.get(messageIdOf(p.message_id));
      if (!stored || stored.deleted) throw badRequest('message to delete not found');
      stored.deleted = true;
      return true;
    },
    answerCallbackQuery: (p) => {
      const id = String(p.callback_query_id ?? '');
      if (typeof p.text === 'string' && p.text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
      if (!this.openQueries.delete(id))
        throw badRequest('query is too old and response timeout expired or query ID is invalid');
      this.callbackAnswers.push({
        callbackQueryId: id,
        text: optionalString(p.text),
        showAlert: p.show_alert === true ? true : undefined,
        url: optionalString(p.url),
        cacheTime: typeof p.cache_time === 'number' ? p.cache_time : undefined,
        at: Date.now(),
      });
      dropUndefined(this.callbackAnswers.at(-1) as unknown as Json);
      return true;
    },
    setMyCommands: (p) => {
      if (!Array.isArray(p.commands)) throw badRequest('parameter "commands" is required');
      if (p.commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
      const commands = (p.commands as Json[]).map((c) => {
        if (typeof c?.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command))
          throw badRequest('BOT_COMMAND_INVALID');
        if (typeof c.description !== 'string' || c.description.trim().length < 1 || c.description.length > 256)
          throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
        return { command: c.command, description: c.description };
      });
      this.commands[commandsKey(p.scope, p.language_code)] = commands;
      return true;
    },
    getMyCommands: (p) => this.commands[commandsKey(p.scope, p.language_code)] ?? [],
    deleteMyCommands: (p) => {
      delete this.commands[commandsKey(p.scope, p.language_code)];
      return true;
    },
    getFile: (p) => {
      const file = typeof p.file_id === 'string' ? this.files.get(p.file_id) : undefined;
      if (!file) throw badRequest('invalid file_id');
      return {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_size: file.size,
        file_path: file.filePath,
      };
    },
  };

  // ---------------------------------------------------------------- updates

  private getUpdates(p: Params, res?: ServerResponse): unknown {
    if (this.webhook) throw new ApiError(409, WEBHOOK_CONFLICT);
    const limit = Math.min(100, Math.max(1, typeof p.limit === 'number' ? p.limit : 100));
    const timeout = Math.max(0, typeof p.timeout === 'number' ? p.timeout : 0);
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates as string[];
    // An offset confirms everything before it; a negative one keeps only that many of the newest.
    const offset = p.offset;
    if (typeof offset === 'number') {
      if (offset < 0) this.queue.splice(0, Math.max(0, this.queue.length + offset));
      else removeWhere(this.queue, (u) => (u.update_id as number) < offset);
    }
    const ready = this.takeUpdates(limit);
    if (ready.length > 0 || timeout === 0 || !res || this.closing) return ready;
    // Like Telegram, a newer long poll wins and the older one hears that another instance took over.
    this.poller?.fail(
      new ApiError(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    );
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        res.off('close', onClose);
        if (this.poller === poller) this.poller = undefined;
      };
      const poller: Poller = {
        wake: () => {
          const updates = this.takeUpdates(limit);
          if (updates.length > 0) {
            finish();
            resolve(updates);
          }
        },
        fail: (error) => {
          finish();
          reject(error);
        },
        end: () => {
          finish();
          resolve([]);
        },
      };
      const timer = setTimeout(poller.end, Math.min(timeout * 1000, 2 ** 31 - 1));
      // grammY aborts its pending poll in bot.stop(); forget it so the next poll is not told it conflicts.
      const onClose = () => poller.end();
      res.on('close', onClose);
      this.poller = poller;
    });
  }

  /** Pending updates the bot asked for, dropping (as Telegram does) types it did not subscribe to. */
  private takeUpdates(limit: number): Json[] {
    const allowed = new Set(this.allowedUpdates);
    removeWhere(this.queue, (u) => {
      const type = Object.keys(u).find((k) => k !== 'update_id');
      return type !== undefined && (allowed.size > 0 ? !allowed.has(type) : OPT_IN_UPDATES.has(type));
    });
    return this.queue.slice(0, limit);
  }

  private setWebhook(p: Params): true {
    const url = typeof p.url === 'string' ? p.url : '';
    const secret = optionalString(p.secret_token);
    if (url && !/^https?:\/\//.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    if (url && !URL.canParse(url)) throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
      throw badRequest('secret token contains unallowed characters');
    if (p.drop_pending_updates === true) this.queue.length = 0;
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates as string[];
    if (!url) {
      this.webhook = undefined; // an empty url removes the webhook, as on Telegram
      return true;
    }
    this.webhook = {
      url,
      secret,
      maxConnections: typeof p.max_connections === 'number' ? p.max_connections : undefined,
    };
    this.lastWebhookError = undefined;
    this.poller?.fail(new ApiError(409, WEBHOOK_CONFLICT));
    void this.pumpWebhook();
    return true;
  }

  /** Delivers queued updates to the webhook one at a time, in order, retrying each a few times before moving on. */
  private async pumpWebhook(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const hook = this.webhook;
        const update = hook && !this.closing ? this.takeUpdates(1)[0] : undefined;
        if (!hook || !update) return;
        const delivered = await deliverWithRetries({
          attempts: this.options.webhookAttempts ?? 3,
          delayMs: this.options.webhookRetryDelayMs ?? 100,
          signal: this.shutdown.signal,
          stillWanted: () => this.webhook === hook && !this.closing,
          post: () =>
            postJson(
              this.reach(hook.url),
              JSON.stringify(update),
              hook.secret ? { 'x-telegram-bot-api-secret-token': hook.secret } : {},
              this.shutdown.signal,
            ),
          record: (result, attempt) => {
            this.webhookDeliveries.push({
              update_id: update.update_id as number,
              status: result.status,
              attempt,
              ...(result.error !== undefined && { error: result.error }),
            });
            this.notify();
            if (result.status >= 200 && result.status < 300) this.runWebhookReply(result.body);
            else
              this.lastWebhookError = {
                date: nowSeconds(),
                message:
                  result.error ??
                  `Wrong response from the webhook: ${result.status} ${STATUS_CODES[result.status] ?? ''}`.trim(),
              };
          },
          // Delivered or given up on: Telegram moves on to the next update either way.
          moveOn: () => {
            const index = this.queue.indexOf(update);
            if (index >= 0) this.queue.splice(index, 1);
          },
        });
        if (!delivered) return; // left queued for whoever reads updates next
      }
    } finally {
      this.pumping = false;
      if (this.webhook && !this.closing && this.queue.length > 0) void this.pumpWebhook();
    }
  }

  /** Telegram performs a method call that a webhook puts in its response body (grammY's webhook reply). */
  private runWebhookReply(body: string): void {
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof reply !== 'object' || reply === null || typeof (reply as Json).method !== 'string') return;
    const { method, ...params } = reply as Json;
    void this.invoke(method as string, params).catch(() => undefined);
  }

  // ---------------------------------------------------------------- messages

  private botUser(): Json {
    return { id: this.botId, is_bot: true, first_name: 'Dondoc Test', username: this.botUsername };
  }

  private rememberUser(from: FakeUser): Json {
    const user = {
      ...this.users.get(from.id),
      ...from,
      is_bot: false,
      first_name: from.first_name ?? (this.users.get(from.id)?.first_name as string | undefined) ?? `User ${from.id}`,
    };
    this.users.set(from.id, user);
    return {
      id: user.id,
      is_bot: false,
      first_name: user.first_name,
      ...(user.last_name && { last_name: user.last_name }),
      ...(user.username && { username: user.username }),
      ...(user.language_code && { language_code: user.language_code }),
    };
  }

  private chat(chatId: number): Json {
    if (chatId < 0)
      return {
        id: chatId,
        type: chatId < -1_000_000_000_000 ? 'supergroup' : 'group',
        title: this.groupTitles.get(chatId) ?? `Group ${chatId}`,
      };
    const user = this.users.get(chatId);
    return {
      id: chatId,
      type: 'private',
      first_name: (user?.first_name as string | undefined) ?? `User ${chatId}`,
      ...(user?.last_name !== undefined && { last_name: user.last_name }),
      ...(user?.username !== undefined && { username: user.username }),
    };
  }

  /** Both sides of a private chat share one sequence of message ids, as on Telegram. */
  private storeMessage(chatId: number, fields: Json, byBot: boolean): StoredMessage {
    const chat = this.messages.get(chatId) ?? new Map<number, StoredMessage>();
    this.messages.set(chatId, chat);
    const messageId = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, messageId);
    const stored: StoredMessage = {
      message: {
        message_id: messageId,
        ...(byBot && { from: this.botUser() }),
        chat: this.chat(chatId),
        date: nowSeconds(),
        ...fields,
      },
      byBot,
      deleted: false,
    };
    chat.set(messageId, stored);
    return stored;
  }

  private recordSent(
    method: SentMessage['method'],
    chatId: number,
    raw: unknown,
    visible: string,
    p: Params,
    markup: Json | undefined,
    stored: StoredMessage,
    file?: FileInfo,
  ): Message {
    const message = structuredClone(stored.message) as unknown as Message;
    this.sent.push({
      method,
      chatId,
      messageId: stored.message.message_id as number,
      text: raw === undefined || raw === null ? '' : String(raw),
      visible,
      parseMode: optionalString(p.parse_mode),
      replyMarkup: markup,
      file,
      message,
      at: Date.now(),
    });
    dropUndefined(this.sent.at(-1) as unknown as Json);
    this.notify();
    return structuredClone(message);
  }

  private replyTarget(chatId: number, p: Params): Json {
    const parameters = p.reply_parameters as Json | undefined;
    const replyId = typeof parameters?.message_id === 'number' ? parameters.message_id : p.reply_to_message_id;
    if (typeof replyId !== 'number') return {};
    const target = this.messages.get(chatId)?.get(replyId);
    if (target && !target.deleted) return { reply_to_message: structuredClone(target.message) };
    if (parameters?.allow_sending_without_reply === true || p.allow_sending_without_reply === true) return {};
    throw badRequest('message to be replied not found');
  }

  private editTarget(p: Params): { chatId: number; stored: StoredMessage } {
    if (p.inline_message_id !== undefined) throw badRequest('message to edit not found'); // inline messages are not modelled
    const chatId = chatIdOf(p.chat_id);
    const stored = this.messages.get(chatId)?.get(messageIdOf(p.message_id));
    if (!stored || stored.deleted) throw badRequest('message to edit not found');
    if (!stored.byBot) throw badRequest("message can't be edited");
    return { chatId, stored };
  }

  /** Checks done by the server that delivers (after validation): blocked users, then flood limits. */
  private admit(method: string, chatId: number): void {
    if (this.blocked.has(chatId)) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    const upgradedTo = this.upgraded.get(chatId);
    if (upgradedTo !== undefined)
      throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', undefined, {
        migrate_to_chat_id: upgradedTo,
      });
    if (this.removedFrom.has(chatId))
      throw new ApiError(
        403,
        chatId < -1_000_000_000_000
          ? 'Forbidden: bot was kicked from the supergroup chat'
          : 'Forbidden: bot was kicked from the group chat',
      );
    if (!RATE_LIMITED.has(method)) return;
    const now = Date.now();
    const window = this.chatWindows.get(chatId) ?? new SlidingWindow();
    this.chatWindows.set(chatId, window);
    const exceeded = this.globalWindow.isFull(this.options.globalRatePerSecond, now)
      ? this.globalWindow
      : window.isFull(this.options.perChatRatePerSecond, now)
        ? window
        : undefined;
    if (exceeded) {
      const retryAfter = Math.max(1, Math.ceil(exceeded.msUntilFree(now) / 1000));
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
    }
    this.globalWindow.record(now);
    window.record(now);
  }

  private sendFile(method: 'sendDocument' | 'sendPhoto', p: Params): Message {
    const chatId = chatIdOf(p.chat_id);
    const field = method === 'sendDocument' ? 'document' : 'photo';
    const file = this.resolveFile(p[field], field);
    const caption = formatText(p.caption, p.parse_mode, p.caption_entities, 'caption');
    const markup = checkReplyMarkup(p.reply_markup);
    const replyTo = this.replyTarget(chatId, p);
    this.admit(method, chatId);
    const media =
      field === 'document'
        ? {
            document: {
              file_id: file.fileId,
              file_unique_id: file.fileUniqueId,
              file_size: file.size,
              ...(file.fileName && { file_name: file.fileName }),
              ...(file.mimeType && { mime_type: file.mimeType }),
            },
          }
        : {
            photo: [
              {
                file_id: file.fileId,
                file_unique_id: file.fileUniqueId,
                file_size: file.size,
                width: 800,
                height: 600,
              },
            ],
          };
    const captionFields = caption.text
      ? { caption: caption.text, ...(caption.entities.length > 0 && { caption_entities: caption.entities }) }
      : {};
    const stored = this.storeMessage(chatId, { ...media, ...captionFields, ...replyTo, ...inlineMarkup(markup) }, true);
    return this.recordSent(method, chatId, p.caption, caption.text, p, markup, stored, file);
  }

  private resolveFile(value: unknown, field: 'document' | 'photo'): FileInfo {
    const prefix = field === 'document' ? 'BQAC' : 'AgAC';
    if (value instanceof Upload)
      return this.addFile(
        {
          bytes: value.bytes,
          fileName: value.fileName,
          mimeType: value.mimeType === 'application/octet-stream' ? undefined : value.mimeType,
          size: value.bytes.length,
        },
        prefix,
      );
    if (value === undefined || value === null || value === '') throw badRequest(`there is no ${field} in the request`);
    if (typeof value === 'string' && this.files.has(value)) return this.files.get(value)!;
    if (typeof value === 'string' && /^https?:\/\/\S+$/.test(value))
      return this.addFile({ url: value, fileName: value.split('/').pop() || undefined, size: 0 }, prefix);
    // Also what Telegram answers when a local path is passed as a plain string instead of an InputFile.
    throw badRequest('wrong file identifier/HTTP URL specified');
  }

  private addFile(file: Omit<FileInfo, 'fileId' | 'fileUniqueId' | 'filePath'>, prefix: string): FileInfo {
    const n = this.files.size + 1;
    const fileId = `${prefix}AgADFAKE${n}${randomBytes(12).toString('base64url')}`;
    const info: FileInfo = {
      ...file,
      fileId,
      fileUniqueId: `AQAD${n}${randomBytes(4).toString('hex')}`,
      filePath: `${prefix === 'AgAC' ? 'photos' : 'documents'}/file_${n}${/\.[A-Za-z0-9]{1,8}$/.exec(file.fileName ?? '')?.[0] ?? ''}`,
    };
    dropUndefined(info as unknown as Json);
    this.files.set(fileId, info);
    return info;
  }

  /** A raw user message takes its place in the chat, so replies, edits and ids behave as if it had really been sent. */
  private learnMessage(value: unknown): void {
    const message = typeof value === 'object' && value !== null ? (value as Json) : undefined;
    const chatId = (message?.chat as Json | undefined)?.id;
    const messageId = message?.message_id;
    if (typeof chatId !== 'number' || typeof messageId !== 'number') return;
    const chat = this.messages.get(chatId) ?? new Map<number, StoredMessage>();
    this.messages.set(chatId, chat);
    if (!chat.has(messageId)) chat.set(messageId, { message: structuredClone(message!), byBot: false, deleted: false });
    this.lastMessageId.set(chatId, Math.max(messageId, this.lastMessageId.get(chatId) ?? 0));
  }

  private learnFileIds(value: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    const node = value as Json;
    if (typeof node.file_id === 'string' && !this.files.has(node.file_id)) {
      this.files.set(node.file_id, {
        fileId: node.file_id,
        fileUniqueId: String(node.file_unique_id ?? node.file_id),
        fileName: optionalString(node.file_name),
        size: typeof node.file_size === 'number' ? node.file_size : 0,
        filePath: `documents/${node.file_id}`,
      });
    }
    for (const child of Object.values(node)) this.learnFileIds(child);
  }
}

function chatIdOf(value: unknown): number {
  if (value === undefined || value === null || value === '') throw badRequest('chat_id is empty');
  const id =
    typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id === 0) throw badRequest('chat not found');
  return id;
}

function messageIdOf(value: unknown): number {
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw badRequest('message identifier is not specified');
  return id;
}

/** Only inline keyboards are echoed back in the Message; reply keyboards live on the client. */
function inlineMarkup(markup: Json | undefined): { reply_markup?: Json } {
  return markup?.inline_keyboard !== undefined ? { reply_markup: { inline_keyboard: markup.inline_keyboard } } : {};
}

function commandsKey(scope: unknown, languageCode: unknown): string {
  const language = typeof languageCode === 'string' ? languageCode : '';
  const s = (typeof scope === 'object' && scope !== null ? scope : {}) as Json;
  if (s.type === undefined || s.type === 'default') return language;
  return `${[s.type, s.chat_id, s.user_id].filter((v) => v !== undefined).join(':')}/${language}`;
}

function removeWhere<T>(items: T[], drop: (item: T) => boolean): void {
  let kept = 0;
  for (const item of items) if (!drop(item)) items[kept++] = item;
  items.length = kept;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function dropUndefined(object: Json): void {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Starts a fake Bot API server on 127.0.0.1 at a random port; point grammY at it with `client: { apiRoot: fake.apiRoot }`. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegram(options);
  await fake.listen();
  return fake;
}
