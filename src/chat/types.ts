// The platform-neutral shapes every adapter speaks: one incoming message in, replies out.
import type { ChannelName } from '../db/officials.js';

export type { ChannelName };

export interface IncomingMessage {
  channel: ChannelName;
  /** Where replies go (a private chat's id on Telegram, the user id on Zalo; a group's id for a group message). */
  chatId: string;
  /**
   * A group message (one addressed to the bot: a command, a mention, a reply to it) and the group's title;
   * absent: a private chat. The sender stays the user who wrote it.
   */
  chat?: { kind: 'group'; title?: string };
  sender: { id: string; name: string; languageCode?: string };
  /** A typed text, a pressed button (its payload), or something the bot cannot read (photo, sticker). */
  kind: 'text' | 'button' | 'document' | 'unsupported';
  text?: string;
  payload?: string;
  /** A file the user sent (kind "document"): fetched only when a handler wants it. */
  document?: IncomingDocument;
  /** The bot's message whose button was pressed (Telegram), so a reply can replace or track it. */
  originMessageId?: string;
  /** Unique for this update on its channel: a redelivery carries the same key and is handled once. */
  updateKey: string;
  receivedAt: Date;
}

export interface IncomingDocument {
  name: string;
  size: number;
  /** A photo (Telegram's compressed picture) or a file; unset: a file. */
  kind?: 'document' | 'photo';
  mimeType?: string;
  /** The bytes; an adapter may stop reading past `maxBytes` (the caller refuses a file that large anyway). */
  download(maxBytes?: number): Promise<Uint8Array>;
}

/** Light formatting: plain strings, bold, italic and code spans; adapters escape and render them. */
export type Span = string | { bold: string } | { italic: string } | { code: string };
export type RichText = Span[];

export interface Choice {
  label: string;
  /** What pressing it sends back: short, validated again when it comes back (see payload.ts). */
  payload: string;
}

export interface ReplyFile {
  name: string;
  mimeType: string;
  data: Uint8Array;
  kind: 'document' | 'photo';
}

export interface Reply {
  text: RichText;
  choices?: Choice[];
  /** Buttons per row where buttons exist (Telegram); text-only channels list choices one per line. */
  columns?: number;
  /** The text already numbers the choices (a duty list): text-only channels add only `choiceHint`. */
  choicesListed?: boolean;
  /** How to answer a choice without buttons ("Reply with the number"), in the reader's language. */
  choiceHint?: string;
  file?: ReplyFile;
  /** Replace the message whose button was pressed (Telegram edits it); elsewhere a new message. */
  replacesOrigin?: boolean;
}

/** The conversation as channels see it: one message in, the replies out. */
export interface Conversation {
  /** Handles one message; a redelivered one (same update key) gets no replies and changes nothing. */
  handle(message: IncomingMessage): Promise<Reply[]>;
}
