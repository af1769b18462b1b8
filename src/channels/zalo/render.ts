// Neutral replies as Zalo texts: plain, choices as numbered lines, split below Zalo's 2000 characters.
import { plainText, splitRichText, withChoicesAsText } from '../../chat/rich.js';
import type { Reply } from '../../chat/types.js';
import { ZALO_TEXT_LIMIT } from './client.js';

/** The texts one reply becomes, in order; numbered choices stay with the end of the text. */
export function zaloTexts(reply: Reply, limit = ZALO_TEXT_LIMIT): string[] {
  const text = reply.file ? [...withChoicesAsText(reply), `\n\n[${reply.file.name}]`] : withChoicesAsText(reply);
  return splitRichText(text, limit).map((part) => plainText(part));
}
