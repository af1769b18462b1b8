// Reading an official's question: what is asked (intent), about which period and unit, in which language.
import type { LocalDate } from '../domain/dates.js';
import type { Language } from '../domain/language.js';
import { foldText } from '../domain/text.js';
import { findPeriod } from './period.js';
import type { Intent, PeriodMatch } from './types.js';
import { correctKeywords, joinMonthLists, monthNamesAsDigits } from './typos.js';
import { findUnit, translateUnitNames, type UnitIndex, type UnitMatch } from './units.js';

export interface ParsedQuestion {
  /** What the question asks; `unknown` may still carry search terms that the answer tries on duty titles. */
  intent: Intent;
  language: Language;
  period: PeriodMatch | undefined;
  unit: UnitMatch | undefined;
  /** "my duties", "đơn vị tôi": the asker's own unit is meant. */
  mine: boolean;
  /** Meaning-bearing words left once period, unit and question words are taken out (folded, Vietnamese). */
  terms: string[];
  /**
   * How the asker spelled a term when they typed diacritics ("nghỉ" for "nghi"): folding merges words
   * that differ only in tone ("nghỉ mát" is not "nghị quyết"), so a spelled term must match as spelled.
   */
  spelled: Record<string, string>;
}

/** Only the start of a very long message is read: nobody asks a 10,000-character question. */
export const MAX_QUESTION_LENGTH = 500;

const HELP_ONLY =
  /^(?:\/?(?:help|start|menu|giup|trogiup|huongdan)|huong dan(?: su dung)?|tro giup|giup(?: do| toi)?|xin chao|chao(?: ban| bot| anh| chi| em)?|hello|hi|hey|alo|ok|cam on|thanks?(?: you)?|\?+)$/;
const HELP_PHRASES =
  /\b(?:huong dan su dung|ban lam duoc gi|bot lam duoc gi|lam sao de hoi|how (?:do i|to) use|what can you do|help me)\b/;
const OVERDUE =
  /\b(?:qua han|tre han|tre hen|cham tien do|chua bao cao|chua hoan thanh|chua xong|chua lam|no dong|overdue|late|behind schedule|not (?:yet )?reported|not done|missed|past due)\b/;
// Follow-up questions for admins; read before OVERDUE, whose words ("trễ hạn", "chưa báo cáo") they contain.
const DONE_LATE =
  /\b(?:(?:da )?(?:hoan thanh|xong|lam xong|bao cao) (?:bi )?(?:tre|muon|cham|qua han)(?: han)?|(?:done|completed|finished|reported) (?:too )?late|late completions?)\b/;
const NOT_REPORTED =
  /\b(?:(?:don vi|co quan) nao (?:van )?(?:chua|khong) (?:gui )?bao cao|which units? (?:ha(?:ve|s)n'?t|ha(?:ve|s) not|did not|didn'?t) (?:yet )?(?:reported|report))\b/;
const WHEN =
  /\b(?:khi nao|bao gio|ngay nao|luc nao|thoi gian nao|thang nao|hom nao|han chot|thoi han|when|what date|which date|what day|which day|due date|deadline (?:for|of))\b/;
const DUE =
  /\b(?:den han|toi han|het han|can lam|phai lam|viec gi|nhung viec|cong viec|nhiem vu|lam gi|sap toi|due|deadlines?|to do|tasks?|duties|upcoming|what(?:'s| is)? (?:on|next))\b/;
const MINE =
  /\b(?:cua toi|cua minh|cua chung toi|cua em|don vi toi|don vi minh|don vi em|ben toi|chung toi|toi can|toi phai|em can|em phai|my|our|we|do i|i have|i must|mine)\b/;

/** Question words and fillers: they carry no meaning for finding a duty. */
const STOPWORDS = new Set(
  (
    'khi nao bao gio ngay luc thoi gian la thi co khong ko k gi viec can phai lam cua cho toi minh em anh chi duoc se da dang va voi o tai trong nay do the vay a ah nhe nha oi xin hoi biet ' +
    'han chot duoc khong nhung cac mot hay hoac ra sao nhu tuc ' +
    'di den ve roi when is are was were the a an of for what which date day do does did we i you to in on at be will have has my our please tell me about by it its with and or how'
  ).split(/\s+/),
);

/** English words for the things plans talk about, mapped to the Vietnamese words the plans use. */
const ENGLISH_TERMS: Record<string, string> = {
  review: 'kiem diem',
  reviews: 'kiem diem',
  'self-criticism': 'tu phe binh',
  criticism: 'phe binh',
  conference: 'hoi nghi',
  conferences: 'hoi nghi',
  meeting: 'hoi nghi',
  report: 'bao cao',
  reports: 'bao cao',
  reporting: 'bao cao',
  confidence: 'tin nhiem',
  vote: 'phieu',
  inspection: 'kiem tra',
  supervision: 'giam sat',
  district: 'huyen',
  'district-level': 'cap huyen',
  provincial: 'tinh',
  province: 'tinh',
  'province-level': 'cap tinh',
  grassroots: 'co so',
  cell: 'chi bo',
  cells: 'chi bo',
  resolution: 'nghi quyet',
  dissemination: 'quan triet',
  briefing: 'quan triet',
  plan: 'ke hoach',
  cadres: 'can bo',
  cadre: 'can bo',
  classification: 'xep loai',
  evaluation: 'danh gia',
  training: 'dao tao',
};

const VIETNAMESE_MARKERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
const ENGLISH_WORDS =
  /\b(?:what|when|which|who|is|are|the|this|next|last|week|month|year|quarter|due|my|our|do|does|have|has|overdue|help|show|list|of|for|in|to)\b/g;
const VIETNAMESE_WORDS =
  /\b(?:viec|gi|nao|thang|tuan|nam|quy|cua|toi|can|lam|han|khi|bao|gio|ngay|nay|sau|truoc|ban|cap|huyen|tinh|co|khong|nhung|den|tu|trong)\b/g;

export function detectLanguage(original: string, folded: string): Language {
  if (VIETNAMESE_MARKERS.test(original)) return 'vi';
  const english = folded.match(ENGLISH_WORDS)?.length ?? 0;
  const vietnamese = folded.match(VIETNAMESE_WORDS)?.length ?? 0;
  return english > vietnamese ? 'en' : 'vi';
}

export function parseQuestion(text: string, today: LocalDate, units: UnitIndex): ParsedQuestion {
  // Control characters and zero-width marks are noise from copy-paste; they must not split words.
  const original = text
    .slice(0, MAX_QUESTION_LENGTH)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, ' ');
  // Phones drop the space in "tháng9/2012", "quý4": put it back so the period reads as usual.
  // Month names in words, slips in the keywords and lists of months are rewritten into the forms read below.
  const folded = joinMonthLists(
    correctKeywords(foldText(monthNamesAsDigits(original)))
      .replace(/[“”"«»]/g, ' ')
      .replace(/\b(thang|quy|nam|ngay|tuan)(?=\d)/g, '$1 ')
      .trim(),
  );
  const language = detectLanguage(original, folded);
  const bare = folded.replace(/[!.,;:]+$/g, '').trim();
  const none = { period: undefined, unit: undefined, mine: false, terms: [], spelled: {} };
  if (bare === '' || HELP_ONLY.test(bare)) return { intent: 'help', language, ...none };

  const period = findPeriod(folded, today);
  const withoutPeriod = period ? folded.replace(period.matched, ' ') : folded;
  const translated = translateUnitNames(withoutPeriod);
  const unit = findUnit(translated, units, original);
  const rest = unit ? translated.replace(unit.matched, ' ') : translated;
  const mine = MINE.test(rest);
  const terms = meaningWords(rest);

  let intent: Intent;
  if (DONE_LATE.test(folded)) intent = 'done_late';
  else if (NOT_REPORTED.test(folded)) intent = 'not_reported';
  else if (OVERDUE.test(folded)) intent = 'overdue';
  else if (WHEN.test(rest) && terms.length > 0) intent = 'duty_when';
  else if (unit || (mine && (DUE.test(rest) || period))) intent = 'unit_duties';
  else if (period || DUE.test(rest)) intent = 'due';
  else if (HELP_PHRASES.test(folded)) intent = 'help';
  else intent = 'unknown';
  return { intent, language, period, unit, mine, terms, spelled: spellings(original, terms) };
}

/** The asker's own spelling of each term, where they wrote it with diacritics. */
function spellings(original: string, terms: string[]): Record<string, string> {
  const wanted = new Set(terms);
  const spelled: Record<string, string> = {};
  for (const word of original
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    const folded = foldText(word);
    if (wanted.has(folded) && folded !== word && !(folded in spelled)) spelled[folded] = word;
  }
  return spelled;
}

/** The words that can identify a duty: stopwords, intent words and digits-only tokens dropped; English mapped. */
export function meaningWords(folded: string): string[] {
  const cleaned = folded
    .replace(OVERDUE, ' ')
    .replace(WHEN, ' ')
    .replace(/[^a-z0-9\s-]/g, ' ');
  const words: string[] = [];
  for (const word of cleaned.split(/\s+/)) {
    if (!word || /^\d+$/.test(word) || word.length > 40) continue;
    const mapped = ENGLISH_TERMS[word];
    if (mapped) words.push(...mapped.split(' '));
    else if (!STOPWORDS.has(word)) words.push(...word.split('-').filter((part) => part && !STOPWORDS.has(part)));
  }
  return [...new Set(words)];
}
