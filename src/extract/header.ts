// A plan's metadata from its heading block, laid out as Nghị định 30/2020/NĐ-CP prescribes: the issuing body (with
// the body above it) on the left, the national or party motto on the right, the number ("Số: 552/KH-UBND"), the
// place and date ("Đồng Tháp, ngày 19 tháng 11 năm 2025"), the document type ("KẾ HOẠCH") and the title under it,
// then the preamble ("Căn cứ …", "Thực hiện …") that says what the plan implements.
import { type LocalDate, makeLocalDate } from '../domain/dates.js';
import { foldText } from '../domain/text.js';
import { collapseSpaces } from './normalize.js';
import type { SourceDocument } from './source.js';

export interface CitedDocument {
  /** "Nghị quyết", "Chỉ thị", "Quyết định" … */
  type: string;
  /** "57-NQ/TW", "71/NQ-CP". */
  number: string;
  date?: LocalDate;
  /** The words as written. */
  text: string;
}

export interface Header {
  code?: string;
  issuer?: string;
  /** The body above the issuer ("Ủy ban nhân dân tỉnh Đồng Tháp" above "Sở Y tế"), when the heading names one. */
  parentIssuer?: string;
  place?: string;
  issuedOn?: LocalDate;
  title?: string;
  implements: CitedDocument[];
  /** Index of the first block after the heading and the preamble. */
  bodyStart: number;
  /** Index of the block that holds the document type ("KẾ HOẠCH"), or -1. */
  typeBlock: number;
}

const MOTTO = /CỘNG H[ÒO]A|ĐẢNG CỘNG SẢN|Độc lập|Hạnh phúc/iu;
const DOC_TYPE = /^(KẾ\s*HOẠCH|CHƯƠNG\s+TRÌNH(?:\s+HÀNH\s+ĐỘNG)?|ĐỀ\s+ÁN|PHƯƠNG\s+ÁN)(?=\s|$)/u;
const NUMBER = /Số\s*:?\s*(\d{1,5}\s*[-–/]\s*[A-ZĐ]{1,6}(?:\s*[-–/]\s*[A-ZĐ0-9&]{1,12}){1,3})/u;
const PLACE_DATE =
  /(?:^|[\s*|])(\p{Lu}[\p{L}\s.'-]{1,40}?)\s*,\s*ngày\s+(\d{1,2})\s*(?:tháng\s+(\d{1,2})\s+năm\s+(\d{4})|\/\s*(\d{1,2})\s*\/\s*(\d{4}))/u;
/** Preamble paragraphs: the legal bases and the documents the plan carries out. */
const PREAMBLE = /^(?:Căn cứ|Thực hiện|Triển khai|Theo|Để|Do|Nhằm|Trên cơ sở|Qua|Xét|Tiếp tục|Thi hành)(?=[\s,:]|$)/u;

/** Segments of the heading block: table cells, or lines split at wide gaps (two columns on one line). */
function headingSegments(document: SourceDocument, typeBlock: number): string[] {
  const segments: string[] = [];
  const end = typeBlock >= 0 ? typeBlock : Math.min(document.blocks.length, 12);
  for (const block of document.blocks.slice(0, end)) {
    if (block.kind === 'table') {
      for (const row of block.rows) for (const cell of row.cells) segments.push(collapseSpaces(cell.text));
      continue;
    }
    for (const line of document.text.slice(block.span.start, block.span.end).split('\n'))
      for (const part of line.split(/\s{3,}|\t/)) if (part.trim()) segments.push(collapseSpaces(part));
  }
  return segments.map((segment) => segment.replace(/[*_]+/g, '').replace(/-{3,}/g, ' ').trim()).filter(Boolean);
}

export function readHeader(document: SourceDocument): Header {
  const blocks = document.blocks;
  const typeBlock = blocks.findIndex(
    (block, index) => index < 60 && block.kind === 'paragraph' && DOC_TYPE.test(block.raw.normalize('NFC')),
  );
  const header: Header = { implements: [], bodyStart: typeBlock >= 0 ? typeBlock + 1 : 0, typeBlock };
  const segments = headingSegments(document, typeBlock).map((segment) => segment.normalize('NFC'));
  const joined = segments.join(' | ');
  const number = NUMBER.exec(joined);
  if (number?.[1]) header.code = number[1].replace(/\s+/g, '').replace(/–/g, '-');
  const dated = PLACE_DATE.exec(joined);
  if (dated) {
    const [day, month, year] = dated[3]
      ? [dated[2], dated[3], dated[4]]
      : [dated[2], dated[5], dated[6]].map((part) => part ?? '');
    const date = makeLocalDate(Number(year), Number(month), Number(day));
    if (date) {
      header.issuedOn = date;
      header.place = collapseSpaces(dated[1] ?? '').replace(/^(?:Số\s*:?\s*\S+\s+)/u, '');
    }
  }
  const bodies = issuingBodies(
    segments.filter((segment) => !MOTTO.test(segment) && !/^Số(?=[\s:]|$)|ngày\s+\d/u.test(segment)),
  );
  const issuer = bodies[bodies.length - 1];
  if (issuer) {
    const parent = bodies[bodies.length - 2];
    header.issuer = withLocality(issuer, parent);
    if (parent) header.parentIssuer = parent;
  }
  if (!header.place && header.issuer) header.place = localityOf(header.issuer);
  if (typeBlock >= 0) readTitleAndPreamble(document, typeBlock, header);
  return header;
}

/** Body heads of an issuing line, longest first, upper case as headings write them. */
const BODY_HEADS = [
  'ỦY BAN NHÂN DÂN',
  'UỶ BAN NHÂN DÂN',
  'UBND',
  'HỘI ĐỒNG NHÂN DÂN',
  'HĐND',
  'BAN CHẤP HÀNH ĐẢNG BỘ',
  'BAN CHẤP HÀNH',
  'BAN THƯỜNG VỤ',
  'BAN CHỈ ĐẠO',
  'TỈNH ỦY',
  'TỈNH UỶ',
  'THÀNH ỦY',
  'THÀNH UỶ',
  'HUYỆN ỦY',
  'HUYỆN UỶ',
  'QUẬN ỦY',
  'THỊ ỦY',
  'ĐẢNG ỦY',
  'ĐẢNG UỶ',
  'ĐẢNG BỘ',
  'ĐẢNG ĐOÀN',
  'BAN CÁN SỰ ĐẢNG',
  'SỞ',
  'BAN',
  'VĂN PHÒNG',
  'CÔNG AN',
  'BỘ CHỈ HUY',
  'THANH TRA',
  'CHI BỘ',
  'ỦY BAN MẶT TRẬN TỔ QUỐC',
  'TRUNG TÂM',
  'TRƯỜNG',
];

/**
 * The bodies named in the heading's left column, top first ("ĐẢNG BỘ TỈNH X" above "ĐẢNG ỦY XÃ Y"), in normal
 * case. A body's name runs to the next body head; lines wrapped inside a name are joined first.
 */
export function issuingBodies(segments: string[]): string[] {
  const upper = segments
    .filter((segment) => /\p{Lu}/u.test(segment) && segment === segment.toLocaleUpperCase('vi'))
    .join(' ');
  const text = collapseSpaces(upper.replace(/[|]/g, ' '));
  if (!text) return [];
  const heads = new RegExp(
    `(?:^|\\s)(${BODY_HEADS.map((head) => head.replace(/ /g, '\\s+')).join('|')})(?=\\s|$)`,
    'gu',
  );
  const starts: number[] = [];
  for (const match of text.matchAll(heads)) {
    const start = match.index + (match[0].length - (match[1]?.length ?? 0));
    // A head inside a body's own name ("BAN" in "ỦY BAN", "ĐẢNG BỘ" after "BAN CHẤP HÀNH") does not start a body.
    const before = text.slice(0, start).trimEnd();
    if (/(?:ỦY|UỶ|BAN CHẤP HÀNH|BAN CÁN SỰ|VĂN PHÒNG)$/u.test(before)) continue;
    starts.push(start);
  }
  if (starts.length === 0) return [];
  const bodies: string[] = [];
  starts.forEach((start, index) => {
    const name = text.slice(start, starts[index + 1] ?? text.length).trim();
    if (name.split(/\s+/).length >= 2) bodies.push(officialCase(name));
  });
  return bodies;
}

/** Words that name a tier of government before a place name. */
const LOCALITY_WORDS = ['tỉnh', 'thành phố', 'xã', 'phường', 'đặc khu', 'huyện', 'quận', 'thị xã', 'thị trấn'];
const PARTY_KINDS = /^(?:tỉnh|thành|huyện|quận|thị)\s+ủy$/u;

/**
 * "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP" → "Ủy ban nhân dân tỉnh Đồng Tháp"; "TỈNH ỦY TRÀ VINH" → "Tỉnh ủy Trà Vinh";
 * "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" → "Sở Nông nghiệp và Môi trường". Place names are capitalised word by word.
 */
export function officialCase(upper: string): string {
  const words = collapseSpaces(upper).toLocaleLowerCase('vi').replace(/uỷ/gu, 'ủy').split(' ');
  const out: string[] = [];
  let inPlace = false;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    const pair = `${word} ${words[index + 1] ?? ''}`;
    if (index === 0) {
      out.push(capitalise(word));
      if (PARTY_KINDS.test(pair)) {
        out.push(words[index + 1] ?? '');
        index += 1;
        inPlace = true;
      }
      continue;
    }
    if (inPlace) {
      out.push(capitalise(word));
      continue;
    }
    if (LOCALITY_WORDS.includes(pair)) {
      out.push(pair);
      index += 1;
      inPlace = true;
      continue;
    }
    if (LOCALITY_WORDS.includes(word) && index + 1 < words.length) {
      out.push(word);
      inPlace = true;
      continue;
    }
    // The first word of a field ("Sở Nông nghiệp và Môi trường") and of each part after "và" or a comma.
    const previous = out[out.length - 1] ?? '';
    const opensField =
      (index === 1 && /^(?:sở|ban|văn|trung|hội|cục|chi)$/u.test(words[0] ?? '')) ||
      previous === 'và' ||
      previous.endsWith(',');
    out.push(opensField && /^(?:sở|ban)$/u.test(words[0] ?? '') ? capitalise(word) : word);
  }
  return out.join(' ').replace(/(?<=^|\s)đảng(?=\s|$)/gu, 'Đảng');
}

function capitalise(word: string): string {
  return word.charAt(0).toLocaleUpperCase('vi') + word.slice(1);
}

/** The issuer with its place when the heading gives it only on the line above ("Sở Y tế" under "UBND tỉnh X"). */
function withLocality(issuer: string, parent: string | undefined): string {
  if (localityOf(issuer) || PARTY_KINDS.test(issuer.split(' ').slice(0, 2).join(' ').toLocaleLowerCase('vi')))
    return issuer;
  const place = parent ? /(?:tỉnh|thành phố)\s+\p{Lu}.*$/u.exec(parent)?.[0] : undefined;
  return place ? `${issuer} ${place}` : issuer;
}

/** "Ủy ban nhân dân tỉnh Đồng Tháp" → "Đồng Tháp"; "Tỉnh ủy Trà Vinh" → "Trà Vinh". */
export function localityOf(name: string): string | undefined {
  const party = /^(?:Tỉnh|Thành|Huyện|Quận|Thị)\s+ủy\s+(.+)$/u.exec(name);
  if (party?.[1]) return party[1];
  const match = /(?:^|\s)(?:tỉnh|thành phố|xã|phường|đặc khu|huyện|quận|thị xã|thị trấn)\s+(\p{Lu}.*)$/u.exec(name);
  return match?.[1];
}

function readTitleAndPreamble(document: SourceDocument, typeBlock: number, header: Header): void {
  const blocks = document.blocks;
  const typeParagraph = blocks[typeBlock];
  if (typeParagraph?.kind !== 'paragraph') return;
  const first = typeParagraph.raw.normalize('NFC');
  const docType = DOC_TYPE.exec(first)?.[1] ?? 'KẾ HOẠCH';
  const parts: string[] = [];
  const rest = first.slice(docType.length).trim();
  if (rest) parts.push(rest);
  let index = typeBlock + 1;
  for (; index < blocks.length && parts.length < 6; index += 1) {
    const block = blocks[index];
    if (block?.kind !== 'paragraph') break;
    const text = `${block.marker ? `${block.marker} ` : ''}${block.raw.normalize('NFC')}`;
    if (PREAMBLE.test(text) || /^(?:[IVX]{1,4}|\d{1,2})\s*[.\-/)]/u.test(text) || /^Số(?=[\s:]|$)/u.test(text)) break;
    if (/^[-*_.\s]+$/.test(text)) continue;
    // A title is short; in web text and Word it is in capitals, in older typed plans in lower case.
    if (text.length > 400 || (parts.length > 0 && /:\s*$/.test(text) && text.length > 120)) break;
    if (parts.length > 0 && /[.;:]$/.test(parts[parts.length - 1] ?? '') && !/^[("“]/.test(text)) break;
    parts.push(text);
  }
  if (parts.length > 0) {
    const words = parts.join(' ').replace(/[“”]/g, '"');
    const cased = words === words.toLocaleUpperCase('vi') ? sentenceCase(words, document.text) : words;
    const title = `${capitalise(docType.toLocaleLowerCase('vi'))} ${cased.charAt(0).toLocaleLowerCase('vi')}${cased.slice(1)}`;
    header.title = title.length > 500 ? `${title.slice(0, 497)}...` : title;
  }
  // The preamble: paragraphs up to the first part heading.
  const cited = new Map<string, CitedDocument>();
  const add = (text: string) => {
    for (const item of citedDocuments(text))
      if (item.number !== header.code && !cited.has(item.number)) cited.set(item.number, item);
  };
  add(parts.join(' '));
  for (; index < blocks.length; index += 1) {
    const block = blocks[index];
    if (!block) break;
    if (block.kind !== 'paragraph') continue;
    const text = `${block.marker ? `${block.marker} ` : ''}${block.raw.normalize('NFC')}`;
    if (/^(?:[IVX]{1,4}|1)\s*[.\-/)]/u.test(text) || /^PHẦN(?=\s|$)/u.test(text)) break;
    add(text);
  }
  header.bodyStart = index;
  header.implements = [...cited.values()];
}

const CITATION =
  /(Nghị quyết|Chỉ thị|Kết luận|Quyết định|Kế hoạch|Chương trình hành động|Chương trình|Thông tư liên tịch|Thông tư|Nghị định|Công văn|Thông báo kết luận|Thông báo|Hướng dẫn|Đề án|Luật|Quy định|Công điện|Văn bản)\s+(?:số\s*:?\s*)?(\d{1,5}\s*[-/]\s*(?:\d{4}\s*\/\s*)?[\p{Lu}Đđ0-9][\p{L}0-9]*(?:\s*[-/]\s*[\p{L}0-9]+){0,3})(?:\s*,?\s*ngày\s+(\d{1,2})\s*(?:\/|tháng)\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4}))?/giu;

/** Documents cited in a text: type, number and date ("Nghị quyết số 57-NQ/TW ngày 22/12/2024"). */
export function citedDocuments(text: string): CitedDocument[] {
  const found: CitedDocument[] = [];
  for (const match of collapseSpaces(text).normalize('NFC').matchAll(CITATION)) {
    const number = (match[2] ?? '').replace(/\s+/g, '');
    if (!/[\p{L}]/u.test(number)) continue;
    const date = match[5] ? makeLocalDate(Number(match[5]), Number(match[4]), Number(match[3])) : undefined;
    const type = capitalise((match[1] ?? '').toLocaleLowerCase('vi'));
    found.push({ type, number, ...(date ? { date } : {}), text: match[0] });
  }
  return found;
}

/**
 * A title in capitals → sentence case, each word as the plan's own text writes it elsewhere ("ĐỒNG THÁP" →
 * "Đồng Tháp", "CHỈ THỊ SỐ 32/CT-TTG" → "Chỉ thị số 32/CT-TTg"); unknown words in lower case, roman numerals kept.
 */
export function sentenceCase(upper: string, body: string): string {
  const forms = new Map<string, Map<string, number>>();
  const pairs = new Set<string>();
  const tokens = body.normalize('NFC').split(/[\s,;:()"“”]+/u);
  tokens.forEach((token, index) => {
    if (!token || token === token.toLocaleUpperCase('vi')) {
      if (!/\d/.test(token)) return;
    }
    const key = token.toLocaleLowerCase('vi');
    const counts = forms.get(key) ?? new Map<string, number>();
    counts.set(token, (counts.get(token) ?? 0) + 1);
    forms.set(key, counts);
    const next = tokens[index + 1];
    if (next) pairs.add(`${token} ${next}`);
  });
  const words = upper.split(' ');
  return words
    .map((word, index) => {
      if (/^[IVXLC]+$/.test(word)) return word;
      const key = word.toLocaleLowerCase('vi');
      const counts = forms.get(key);
      if (!counts) return /\d/.test(word) ? word : key;
      if (!counts.has(key) && !counts.has(capitalise(key))) {
        // Only written some other way ("IoT", "CT-TTg"): as the text writes it most.
        return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? key;
      }
      const lower = counts.get(key) ?? 0;
      const capitalised = capitalise(key);
      const capital = counts.get(capitalised) ?? 0;
      const neighbour = (other: string | undefined, before: boolean) => {
        if (!other) return false;
        const otherCap = capitalise(other.toLocaleLowerCase('vi'));
        return pairs.has(before ? `${otherCap} ${capitalised}` : `${capitalised} ${otherCap}`);
      };
      if (
        capital > 0 &&
        (neighbour(words[index + 1], false) || neighbour(words[index - 1], true)) &&
        lower < capital * 3
      )
        return capitalised;
      if (/\d/.test(word)) {
        const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
        return best?.[0] ?? word;
      }
      return lower >= capital || lower > 0 ? key : capitalised;
    })
    .join(' ');
}

/** Folded issuer kinds: what the issuer is, for codes and for the words that name it in the text. */
export function issuerKind(name: string): { kind: string; branch: 'party' | 'government' } {
  const folded = foldText(name);
  const party =
    /^(tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy|dang bo|ban chap hanh|ban thuong vu|chi bo|dang doan|ban can su)/.exec(
      folded,
    );
  if (party?.[1]) return { kind: party[1], branch: 'party' };
  if (/^(?:uy ban nhan dan|ubnd)\b/.test(folded)) return { kind: 'ubnd', branch: 'government' };
  if (/^so\b/.test(folded)) return { kind: 'so', branch: 'government' };
  return { kind: folded.split(' ').slice(0, 2).join(' '), branch: 'government' };
}
