// Before a question is read: month names in words, "thg 3", lists of months and common slips in "tháng" and "việc".
//
// People write "tháng mười hai", "thg 3", "tháng 3 và tháng 4", or type "thangs" and "vieecj" when the Telex input
// method is off. The period and intent patterns read digits and the plain keywords, so these forms are rewritten into
// them first. Every rewrite is of a form that is not a Vietnamese word in its own right: "thành", "than", "tầng" and
// "hàng" stay as typed, and "tháng sau" (next month) is never read as "tháng sáu" (June).

/** Month names in words, longest first so "mười hai" is not read as "mười". */
const MONTH_NAMES: readonly [string, number][] = [
  ['mười hai|muoi hai|mười 2', 12],
  ['mười một|muoi mot|mười 1', 11],
  ['chạp|chap', 12],
  ['giêng|gieng', 1],
  ['mười|muoi', 10],
  ['chín|chin', 9],
  ['tám|tam', 8],
  ['bảy|bẩy|bay', 7],
  // Only with its mark: "tháng sau" is next month.
  ['sáu', 6],
  // "tháng năm" is May unless "năm" begins the year after it ("tháng năm nay"); "tháng năm năm 2025" is May 2025.
  ['năm(?! ?(?:\\d|nay|sau|tới|toi|trước|ngoái|qua|hiện))', 5],
  // "thang tu" without marks is April too, except where "tu" is "từ" (from) before a date.
  ['tư|bốn|bon|tu(?! ?(?:\\d|thang|ngay|nay))', 4],
  ['ba', 3],
  ['hai', 2],
  ['một|mot', 1],
];

const NOT_A_LETTER = '(?![\\p{L}\\d])';
const MONTH_NAME = new RegExp(
  `(?<![\\p{L}\\d])(tháng|thang) (?:${MONTH_NAMES.map(([words]) => `(${words})${NOT_A_LETTER}`).join('|')})`,
  'giu',
);

/** Month names in words become digits: "tháng mười hai năm 2025" → "tháng 12 năm 2025", "tháng giêng" → "tháng 1". */
export function monthNamesAsDigits(text: string): string {
  return text.replace(MONTH_NAME, (...match: unknown[]) => {
    const which = match.slice(2, 2 + MONTH_NAMES.length).findIndex((group) => group !== undefined);
    return `${String(match[1])} ${MONTH_NAMES[which]?.[1] ?? ''}`;
  });
}

/** Folded keywords the question patterns look for, and the slips people make in them. */
const KEYWORDS = new Set(['thang', 'viec', 'tuan', 'quy', 'nam', 'ngay', 'han']);
/** Folded words that differ from a keyword by one slip but are words themselves (Vietnamese or English). */
const REAL_WORDS = new Set(['thanh', 'than', 'tang', 'hang', 'thong', 'thung', 'vice', 'view', 'vie', 'tha', 'hanh']);
/** Telex's tone keys: left at the end of a syllable when the input method is off ("thangs" for "tháng"). */
const TELEX_TONE = /^([a-z]+?)[sfrxj]$/;

function swaps(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i += 1) {
    out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

/** The keyword a folded word is a slip of, if any; only forms that are no word of their own. */
export function correctedKeyword(word: string): string | undefined {
  if (KEYWORDS.has(word) || REAL_WORDS.has(word) || word.length < 3 || word.length > 8) return undefined;
  // Telex leftovers: doubled vowels (ee → ê, aa → â, oo → ô), w (ư, ơ, ă), and a tone key at the end.
  const telex = word
    .replace(TELEX_TONE, '$1')
    .replace(/([aeo])\1/g, '$1')
    .replace(/(?<=[a-z])w/g, '');
  if (telex !== word && KEYWORDS.has(telex)) return telex;
  // One pair of neighbouring letters swapped ("thnag", "tahng", "veic").
  for (const swapped of swaps(word)) if (KEYWORDS.has(swapped)) return swapped;
  // "tháng" with its n or its h lost ("thág", "tang" is a word and stays).
  if (word === 'thag' || word === 'thng' || word === 'thagn') return 'thang';
  return undefined;
}

const WORD = /[a-z]+/g;

/** Fixes slips in the question's keywords, on folded text; words that are words in their own right are kept. */
export function correctKeywords(folded: string): string {
  return (
    folded
      .replace(WORD, (word) => correctedKeyword(word) ?? word)
      // "cviec", and "cv" as chat shorthand, for "công việc"; "thg", "th3", "t.3" for "tháng".
      .replace(/\bcviec\b/g, 'cong viec')
      .replace(/\bcv\b/g, 'cong viec')
      .replace(/\bthg ?(?=\d)|\bthg\b/g, 'thang ')
      .replace(/\bth ?(?=\d{1,2}\b)/g, 'thang ')
      .replace(/\bt\. ?(?=\d{1,2}\b)/g, 'thang ')
      .replace(/ {2,}/g, ' ')
  );
}

/**
 * Several months in one question become one span the period reader knows: "tháng 3 và tháng 4", "tháng 3, 4" and
 * "tháng 3 và 4/2026" → "tháng 3-4"; "march and april" → "between march and april". The answer then covers the months
 * between too when they are not adjacent ("tháng 3 và tháng 5"): one range is what a period is, and a reply naming
 * March to May is still right about the months asked for.
 */
export function joinMonthLists(folded: string): string {
  return folded
    .replace(
      /\bthang (\d{1,2})(?:, ?| va | và | hoac | or | and )(?:thang )?(\d{1,2})(?=\b(?!\/\d{1,2}\b))/g,
      (all, a: string, b: string) => (Number(a) < Number(b) && Number(b) <= 12 ? `thang ${a}-${b}` : all),
    )
    .replace(
      /(?<!between |from )\b(january|february|march|april|may|june|july|august|september|october|november|december) (?:and|or|,) (january|february|march|april|may|june|july|august|september|october|november|december)\b/g,
      'between $1 and $2',
    );
}
