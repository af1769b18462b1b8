// From a Vietnamese implementation plan (its text, or the document model of a .docx, PDF or scan) to a draft plan:
// metadata, duties from the text's sections and from task tables, each with its ref, lead, support, windows and
// recurrence, where it came from and how certain each part is.
import type { LocalDate } from '../domain/dates.js';
import { type LevelDefinition, STANDARD_LEVELS } from '../domain/levels.js';
import { foldText } from '../domain/text.js';
import { findTimes, type TimeFinding } from './dates.js';
import { type Certainty, type DraftDuty, type Gathered, toDuty } from './duty.js';
import { governmentBodyAt } from './gov-units.js';
import { type CitedDocument, type Header, issuerKind, localityOf, readHeader } from './header.js';
import { PROPOSED_LEVELS, TWO_TIER_FROM } from './level-phrases.js';
import { foldKeepLength, type Paragraph } from './normalize.js';
import { isTimeOnly, sentencesOf, splitRecurringClause } from './sentences.js';
import type { ParagraphBlock, SourceDocument, TableBlock } from './source.js';
import { type Block, parseStructure, romanToNumber } from './structure.js';
import { dutyTable, tableDuties } from './tables.js';
import { readTextDocument } from './text-document.js';
import { bareYear, namesAProgramme } from './time-forms.js';
import {
  findRoles,
  type Issuer,
  type KnownUnit,
  OTHER_PREFIX,
  type ProposedUnit,
  UNIT_HEAD,
  UnitMatcher,
} from './units.js';

export type { Certainty, DraftDuty, DraftWindow } from './duty.js';
export { titleOf } from './duty.js';
export { isTimeOnly } from './sentences.js';

export interface DraftPlanMeta {
  code: string;
  title: string;
  issuer: string;
  issuerUnit?: string;
  place?: string;
  issuedOn: LocalDate;
  timeZone: string;
  sourceFile?: string;
}

export interface ExtractSummary {
  duties: number;
  windows: number;
  datedWindows: number;
  deadlines: number;
  recurring: number;
  uncertain: number;
  newUnits: string[];
  sections: string[];
  /** Duties read from task tables. */
  tableDuties: number;
  /** Duties whose lead the text does not name. */
  withoutLead: number;
}

export interface PlanCertainty {
  code: Certainty;
  issuer: Certainty;
  place: Certainty;
  issuedOn: Certainty;
  title: Certainty;
}

export interface ExtractResult {
  plan: DraftPlanMeta;
  /** How sure each metadata field is. */
  planCertainty: PlanCertainty;
  /** Documents the plan implements, from its title and preamble. */
  implements: CitedDocument[];
  /** Notes on the metadata (e.g. a date not found). */
  planUncertain: string[];
  /** Levels the duties name that are neither known nor standard: to define in the draft's `levels:`. */
  levels: LevelDefinition[];
  /** Levels the duties refer to (keys). */
  levelsUsed: string[];
  units: ProposedUnit[];
  /** Known units (the database's) that the duties refer to. */
  knownUnitsUsed: KnownUnit[];
  duties: DraftDuty[];
  uncertain: { key: string; ref: string; line: number; notes: string[] }[];
  summary: ExtractSummary;
  /** The document as read: its format, the normalised text every location points into, notes. */
  document: { format: SourceDocument['format']; text: string; notes: string[] };
}

export interface ExtractOptions {
  /** Units already known (the database's). */
  knownUnits?: KnownUnit[];
  /** Levels already known (the database's); the standard ones are always known. */
  knownLevels?: LevelDefinition[];
  /** Written to plan.sourceFile. */
  sourceFile?: string;
  /** Used when the text has no date ("ngày ... tháng ... năm ..."). */
  fallbackDate?: LocalDate;
  timeZone?: string;
}

/** Sections that describe (aims, targets, context, legal bases, budget) and hold no duties. */
const NOT_DUTY_SECTION =
  /^(?:tinh hinh|ket qua|muc dich|muc tieu|yeu cau|phuong cham|quan diem|danh gia|boi canh|nguyen nhan|can cu|thuc trang|hien trang|chi tieu|nguyen tac|pham vi|dinh huong|tam nhin|su can thiet|co so|giai thich|kinh phi|du toan|nguon kinh phi|nguon luc|thoi gian thuc hien|nguy co)/;

/** The signature and recipients end the body ("T/M TỈNH ỦY", "TM. ỦY BAN NHÂN DÂN", "Nơi nhận:"). */
const SIGNATURE = /^(?:T\/M\b|TM\.?\s|KT\.?\s|Q\.\s|Nơi nhận\s*:?|\(Đã ký\)|BÍ THƯ$|PHÓ BÍ THƯ|CHỦ TỊCH$)/u;
/** Closing sentences that assign nothing. */
const CLOSING =
  /^(?:Trên đây là|Trong quá trình (?:tổ chức )?(?:triển khai )?thực hiện,? nếu có|Kế hoạch này (?:thay thế|có hiệu lực|được))/u;
/** A sentence that opens a report of its own ("Định kỳ gửi báo cáo …", "Báo cáo giữa kỳ …"). */
const REPORTING =
  /^(?:dinh \S{1,3} |hang nam |hang quy |hang thang )?(?:\(?[a-z ]{0,12}\)? )?(?:gui |tong hop(?:,)? )?bao cao\b/;
/** Appendix titles: "PHỤ LỤC", "PHỤ LỤC II", "Phụ lục 2". */
const APPENDIX = /^(?:PHỤ\s+LỤC|Phụ\s+lục)\s*([IVXLC]+|\d+)?\b/u;

function issuerOf(header: Header, planCode: string | undefined): Issuer {
  const name = header.issuer ?? 'Tỉnh ủy';
  const { kind, branch } = issuerKind(name);
  const place = header.place ?? localityOf(name);
  if (branch === 'party') {
    const suffix = planCode ? /\/\s*([A-ZĐ0-9]+)$/u.exec(planCode)?.[1]?.replace(/Đ/g, 'D') : undefined;
    const fromKind =
      kind === 'huyen uy'
        ? 'HU'
        : kind === 'dang uy'
          ? 'DU'
          : kind === 'thi uy'
            ? 'TXU'
            : kind === 'thanh uy'
              ? 'TU'
              : 'TU';
    const code = suffix && /^[A-Z][A-Z0-9]{0,9}$/.test(suffix) ? suffix : fromKind;
    return {
      code,
      branch,
      prefix: code,
      // "Đảng ủy xã" in a commune committee's own plan is the committee itself, not every commune's.
      selfNames: kind === 'dang uy' ? ['dang uy(?: xa| phuong| dac khu)?(?! ?,)'] : [kind],
      name,
      kind,
      level: kind === 'huyen uy' ? 'district' : kind === 'dang uy' ? 'commune' : 'province',
      ...(place ? { place } : {}),
    };
  }
  // A state body: codes start with the slug of its place ("DONGTHAP-UBND", "DONGTHAP-SKHCN").
  const slug = placeSlug(name, place);
  const tier = /\b(?:xa|phuong|dac khu)\b/.test(foldText(name.replace(/\bỦy ban nhân dân\b/u, '')))
    ? 'commune'
    : 'province';
  const abbreviation = kind === 'ubnd' ? 'UBND' : initialsOf(name.replace(/\s+(?:tỉnh|thành phố)\s+.*$/u, ''));
  const placeWords = place ? ` ${escapeRegExp(foldText(place))}` : '';
  const selfNames =
    kind === 'ubnd'
      ? tier === 'commune'
        ? [`(?:uy ban nhan dan|ubnd) (?:xa|phuong|dac khu)${placeWords}(?! ?,)`]
        : [`(?:uy ban nhan dan|ubnd) (?:tinh|thanh pho)(?:${placeWords})?`]
      : [escapeRegExp(foldText(name.replace(/\s+(?:tỉnh|thành phố)\s+.*$/u, '')))];
  return {
    code: `${slug}-${abbreviation}`,
    branch,
    prefix: slug,
    selfNames,
    name,
    kind,
    level: kind === 'ubnd' ? (tier === 'commune' ? 'commune' : 'province') : 'department',
    ...(place ? { place } : {}),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function placeSlug(name: string, place: string | undefined): string {
  const words = foldText(place ?? localityOf(name) ?? name)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return (words.join('').toUpperCase() || 'DV').slice(0, 24);
}

function initialsOf(name: string): string {
  return (
    foldText(name)
      .split(/[^a-z0-9]+/)
      .filter((word) => word && !['va', 'cac', 'cua'].includes(word))
      .map((word) => (word[0] ?? '').toUpperCase())
      .join('')
      .slice(0, 10) || 'DV'
  );
}

interface Reader {
  matcher: UnitMatcher;
  planDate: LocalDate;
  issuerUnit: string;
  government: boolean;
  text: string;
}

function toParagraph(block: ParagraphBlock): Paragraph {
  return {
    raw: block.raw,
    text: block.raw.normalize('NFC'),
    line: block.span.line,
    ...(block.offsets ? { offsets: block.offsets } : {}),
    ...(block.marker ? { marker: block.marker } : {}),
    ...(block.emphasised ? { emphasised: true } : {}),
  };
}

/** Where a sentence of a block is in the normalised text. */
function locate(block: Block, raw: string, text: string, from = 0): { line: number; start: number; end: number } {
  const paragraph = block.paragraph;
  const offsets = paragraph?.offsets;
  if (!paragraph || !offsets || offsets.length === 0) return { line: block.line, start: 0, end: 0 };
  const inBlock = block.raw.indexOf(raw, from);
  const at = block.rawStart + Math.max(0, inBlock);
  const start = offsets[Math.min(at, offsets.length - 1)] ?? 0;
  const end = (offsets[Math.min(at + Math.max(1, raw.length) - 1, offsets.length - 1)] ?? start) + 1;
  let line = paragraph.line;
  for (let index = offsets[0] ?? 0; index < start; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return { line, start, end };
}

export function extractPlan(input: string | SourceDocument, options: ExtractOptions = {}): ExtractResult {
  const document = typeof input === 'string' ? readTextDocument(input) : input;
  const header = readHeader(document);
  const planUncertain: string[] = [];
  if (!header.code) planUncertain.push('plan number ("Số ...-KH/...") not found: set plan.code');
  if (!header.issuedOn)
    planUncertain.push(
      'plan date ("..., ngày ... tháng ... năm ...") not found: set plan.issuedOn (years default to it)',
    );
  if (!header.issuer) planUncertain.push('issuer not found in the heading: set plan.issuer');
  if (!header.title) planUncertain.push('title ("KẾ HOẠCH ...") not found: set plan.title');
  const planDate = header.issuedOn ?? options.fallbackDate ?? ('2000-01-01' as LocalDate);
  const issuer = issuerOf(header, header.code);
  const matcher = new UnitMatcher(options.knownUnits ?? [], issuer, { twoTier: planDate >= TWO_TIER_FROM });
  const issuerUnit = matcher.issuerCode();
  const reader: Reader = {
    matcher,
    planDate,
    issuerUnit,
    government: issuer.branch === 'government',
    text: document.text,
  };

  const gathered: Gathered[] = [];
  const blocks = document.blocks;
  // The body: from the end of the heading to the signature; after it only appendices (their tables) are read.
  let signature = blocks.findIndex(
    (block, index) =>
      index >= header.bodyStart &&
      (block.kind === 'paragraph'
        ? SIGNATURE.test(block.raw.normalize('NFC'))
        : block.rows.some((row) => row.cells.some((cell) => SIGNATURE.test(cell.text.normalize('NFC'))))),
  );
  if (signature < 0) signature = blocks.length;
  const body = blocks.slice(header.bodyStart, signature);
  readSections(body, reader, gathered);
  let appendix = 'PL';
  let tableSection = '';
  // The title of an appendix ("PHÂN CÔNG … CÁC CHỈ TIÊU … ĐẾN NĂM 2030") gives its time to the rows that have none.
  let appendixTitle: { text: string; times: TimeFinding[] } | undefined;
  for (const [index, block] of blocks.entries()) {
    if (index < header.bodyStart) continue;
    if (block.kind === 'paragraph') {
      const text = block.raw.normalize('NFC');
      const title = APPENDIX.exec(text);
      if (title && index >= signature) {
        const number = title[1] ? (romanToNumber(title[1]) ?? Number(title[1])) : undefined;
        appendix = number ? `PL${number}` : 'PL';
        appendixTitle = { text: '', times: [] };
      } else if (appendixTitle && index >= signature && !/^\(/.test(text)) {
        appendixTitle.text = `${appendixTitle.text} ${text}`.trim();
        appendixTitle.times = namesAProgramme(foldText(appendixTitle.text))
          ? []
          : findTimes(appendixTitle.text, { planDate }).filter(
              (time) => time.kind === 'window' || time.kind === 'deadline',
            );
      }
      continue;
    }
    if (index < signature) tableSection = sectionBefore(body, block);
    readTable(
      block,
      index >= signature ? appendix : tableSection || `T${block.index}`,
      reader,
      gathered,
      index >= signature ? appendixTitle : undefined,
    );
    appendixTitle = undefined;
  }

  applyCrossReferences(gathered);
  const keys = new Set<string>();
  const duties: DraftDuty[] = gathered.map((group) => toDuty(group, planDate, keys));
  const uncertain = duties
    .filter((duty) => duty.uncertain.length > 0)
    .map((duty) => ({ key: duty.key, ref: duty.ref, line: duty.line, notes: duty.uncertain }));
  const units = [...matcher.proposed.values()];
  const windows = duties.flatMap((duty) => duty.schedule);
  const refs = duties.flatMap((duty) => [...duty.lead, ...duty.support]);
  const levelsUsed = [...new Set(refs.filter((ref) => ref.startsWith('level:')).map((ref) => ref.slice(6)))];
  for (const unit of units) if (!levelsUsed.includes(unit.level)) levelsUsed.push(unit.level);
  const knownLevelKeys = new Set([...STANDARD_LEVELS, ...(options.knownLevels ?? [])].map((level) => level.key));
  const summary: ExtractSummary = {
    duties: duties.length,
    windows: windows.length,
    datedWindows: windows.filter((window) => !window.assumed).length,
    deadlines: duties.filter((duty) => duty.deadline !== undefined).length,
    recurring: duties.filter((duty) => duty.recurring !== undefined).length,
    uncertain: uncertain.length + planUncertain.length,
    newUnits: units.map((unit) => unit.code),
    sections: [...new Set(duties.map((duty) => duty.ref))],
    tableDuties: duties.filter((duty) => duty.origin === 'table').length,
    withoutLead: duties.filter((duty) => !duty.lead.some((ref) => !ref.startsWith(OTHER_PREFIX))).length,
  };
  const plan: DraftPlanMeta = {
    code: header.code ?? 'CHUA-RO',
    title: header.title ?? 'Kế hoạch (chưa rõ tên)',
    issuer: issuer.name,
    issuerUnit,
    ...(header.place ? { place: header.place } : {}),
    issuedOn: planDate,
    timeZone: options.timeZone ?? 'Asia/Ho_Chi_Minh',
    ...(options.sourceFile ? { sourceFile: options.sourceFile } : {}),
  };
  const knownUsed = (options.knownUnits ?? []).filter((unit) => refs.includes(unit.code) || unit.code === issuerUnit);
  return {
    plan,
    planCertainty: {
      code: header.code ? 'high' : 'low',
      issuer: header.issuer ? (header.parentIssuer ? 'medium' : 'high') : 'low',
      place: header.place ? 'high' : 'low',
      issuedOn: header.issuedOn ? 'high' : 'low',
      title: header.title ? (header.title.length > 20 ? 'high' : 'medium') : 'low',
    },
    implements: header.implements,
    planUncertain,
    levels: levelsUsed.filter((key) => !knownLevelKeys.has(key)).map(proposedLevel),
    levelsUsed,
    units,
    knownUnitsUsed: knownUsed,
    duties,
    uncertain,
    summary,
    document: { format: document.format, text: document.text, notes: document.notes },
  };
}

/**
 * "Sở Y tế: Chủ trì triển khai các nhiệm vụ tại mục (IV) (5)": a unit given whole sections elsewhere leads their
 * items that name nobody. A more specific reference ("(IV)(3.4)(a)") wins over a wider one ("(IV)(3)").
 */
function applyCrossReferences(groups: Gathered[]): void {
  const given: { ref: string; lead: string[]; from: string }[] = [];
  for (const group of groups) {
    if (group.lead.length === 0) continue;
    const text = group.sentences.map((sentence) => sentence.text).join(' ');
    for (const ref of crossReferences(text)) given.push({ ref, lead: group.lead, from: group.ref });
  }
  given.sort((a, b) => a.ref.split('.').length - b.ref.split('.').length);
  const assigned = new Set<Gathered>();
  for (const item of given)
    for (const group of groups) {
      if (!(group.ref === item.ref || group.ref.startsWith(`${item.ref}.`))) continue;
      if (group.lead.length > 0 && !assigned.has(group)) continue;
      group.lead = item.lead;
      group.leadFrom = 'context';
      group.uncertain = [
        ...group.uncertain.filter(
          (note) => !note.startsWith('no lead unit') && !note.startsWith('lead from the cross-reference'),
        ),
        `lead from the cross-reference in ${item.from} ("nhiệm vụ tại mục ${item.ref}")`,
      ];
      assigned.add(group);
    }
}

/** "Chủ trì triển khai các nhiệm vụ tại mục (IV) (4.1) (4.2)": the sections given to the unit that leads the item. */
const CROSS_REFERENCE =
  /chủ trì(?:,? triển khai| thực hiện| tổ chức thực hiện)? (?:các )?nhiệm vụ (?:được giao )?(?:tại|ở|của|theo) (?:mục|phần|điểm|tiết)\s*((?:(?:\(\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*\)|[IVXLC]+(?![\p{L}])|\d+(?:\.\d+)*(?![\p{L}]))\s*[,.]?\s*(?:và\s+)?)+)/giu;

/** Section refs a text points at: "(IV) (4.1) (4.2)" → IV.4.1, IV.4.2; "(IV)(3.4)(a)" → IV.3.4.a; "mục 6 III" → III.6. */
export function crossReferences(text: string): string[] {
  const refs: string[] = [];
  for (const match of text.normalize('NFC').matchAll(CROSS_REFERENCE)) {
    const parts = [...(match[1] ?? '').matchAll(/[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]/gu)].map((part) => part[0]);
    const roman = parts.find((part) => /^[IVXLC]+$/.test(part));
    if (!roman) continue;
    const rest = parts.filter((part) => part !== roman);
    const numbers = rest.filter((part) => /^\d/.test(part));
    const letter = rest.find((part) => /^[a-zđ]$/.test(part));
    if (numbers.length === 0) refs.push(roman);
    for (const number of numbers)
      refs.push([roman, number, ...(letter && numbers.length === 1 ? [letter] : [])].join('.'));
  }
  return refs;
}

/** A level the text needs that is neither standard nor the database's: proposed, for the reviewer to confirm. */
function proposedLevel(key: string): LevelDefinition {
  const known = PROPOSED_LEVELS[key];
  return known
    ? {
        key,
        rank: known.rank,
        name: { vi: known.name, en: key },
        members: { vi: known.members, en: key },
        aliases: known.aliases,
      }
    : { key, rank: 2, name: { vi: key, en: key }, members: { vi: key, en: key }, aliases: [] };
}

/** A heading that is a body's name ("Ban Quản lý các khu công nghệ cao", not "Bảo đảm kinh phí"). */
function namesABody(title: string): boolean {
  const nfc = title.normalize('NFC');
  const body = governmentBodyAt(foldKeepLength(nfc), nfc, 0);
  return body !== undefined && body.length >= nfc.length * 0.5;
}

/** The ref of the section a table lies in (the last heading before it). */
function sectionBefore(body: SourceDocument['blocks'], table: TableBlock): string {
  const paragraphs = body
    .filter((block): block is ParagraphBlock => block.kind === 'paragraph' && block.span.start < table.span.start)
    .map(toParagraph);
  const blocks = parseStructure(paragraphs);
  return blocks[blocks.length - 1]?.ref ?? '';
}

function readTable(
  table: TableBlock,
  prefix: string,
  reader: Reader,
  out: Gathered[],
  title?: { text: string; times: TimeFinding[] },
): void {
  const duty = dutyTable(table);
  if (!duty) return;
  for (const row of tableDuties(duty)) {
    const uncertain: string[] = [];
    const lead = cellUnits(row.lead, reader, 'lead');
    const support = cellUnits(row.support, reader, 'support').filter((ref) => !lead.includes(ref));
    let leadFrom: Gathered['leadFrom'] = 'table';
    if (lead.length === 0) {
      leadFrom = 'none';
      uncertain.push(row.lead.trim() ? `lead "${row.lead}" names no unit` : 'no lead unit in the row');
    }
    for (const role of row.inherited) uncertain.push(`${role} taken from the row above (a merged cell)`);
    const timeText = row.time.trim();
    let times: TimeFinding[] = timeText ? findTimes(timeText, { planDate: reader.planDate }) : [];
    if (timeText && times.length === 0) {
      const year = bareYear(timeText);
      times = year.map(
        (finding) =>
          ({ ...finding, kind: 'window', phrase: timeText, index: 0, length: timeText.length }) as TimeFinding,
      );
    }
    if (!timeText) times = findTimes(row.task, { planDate: reader.planDate });
    if (timeText && times.length === 0) uncertain.push(`time "${timeText}" not understood`);
    const fromTitle =
      !times.some((time) => time.kind === 'window' || time.kind === 'deadline') && title && title.times.length > 0;
    if (fromTitle && title) times = [...times, ...title.times];
    const segments = [prefix, row.group, row.number].filter((part): part is string => Boolean(part));
    const ref = segments.join('.');
    const source = [row.task, row.product ? `Sản phẩm: ${row.product}` : '']
      .filter(Boolean)
      .join(' — ')
      .replace(/\s+/g, ' ');
    out.push({
      ref,
      refCertainty: row.number ? 'high' : 'medium',
      sentences: [{ raw: source, text: source.normalize('NFC') }],
      lead,
      leadFrom,
      support,
      times,
      line: row.row.source.line,
      location: { ...row.row.source, table: table.index, row: row.rowIndex },
      uncertain,
      origin: 'table',
      ...(fromTitle && title ? { fromHeading: title.text } : {}),
    });
  }
}

/** The units a table cell names; words that name none become an `other:` group. */
function cellUnits(cell: string, reader: Reader, role: 'lead' | 'support'): string[] {
  const text = cell.trim();
  if (!text) return [];
  const roles = findRoles(text, reader.matcher);
  const mentions = reader.matcher.mentions(text);
  const refs: string[] = [];
  const add = (ref: string) => {
    if (!refs.includes(ref)) refs.push(ref);
  };
  if (role === 'lead') {
    // "Sở KH&CN chủ trì …; các sở, ngành thực hiện …": every unit named leads, except those "phối hợp".
    for (const mention of mentions)
      for (const ref of mention.refs) if (!roles.support.includes(ref) || roles.lead.includes(ref)) add(ref);
  } else for (const mention of mentions) for (const ref of mention.refs) add(ref);
  // Pieces between separators that name no unit: a group outside the tree ("Viện, Trường", "Doanh nghiệp").
  const nfc = text.normalize('NFC');
  let cursor = 0;
  for (const piece of nfc.split(/\s*[;\n]\s*|,\s+(?=\p{Lu})/u)) {
    const at = nfc.indexOf(piece, cursor);
    cursor = at + piece.length;
    if (!piece.trim()) continue;
    const covered = mentions.some((m) => m.index < at + piece.length && m.index + m.length > at);
    if (!covered && piece.length <= 120) add(`${OTHER_PREFIX}${piece.replace(/[.;,]+$/, '')}`);
  }
  return refs;
}

/** Duties of the text: items of the sections that assign work. */
function readSections(body: SourceDocument['blocks'], reader: Reader, groups: Gathered[]): void {
  const { matcher, planDate, issuerUnit } = reader;
  const paragraphs = body.filter((block): block is ParagraphBlock => block.kind === 'paragraph').map(toParagraph);
  const blocks = parseStructure(paragraphs);

  let sectionLead: { ref: string; refs: string[]; name: string } | undefined;
  let sectionTime: { ref: string; times: TimeFinding[]; title: string } | undefined;
  let scopeLead: { refs: string[]; name: string } | undefined;
  let introLead: { refs: string[]; bullet: string | undefined } | undefined;
  let pendingFrom = 0; // index in groups of the first group a closing time line may cover
  let currentRef = '';

  // A section's title is short; "1. Căn cứ Kế hoạch này, các sở … xây dựng kế hoạch …" is an item, not a basis.
  const inDutySection = (block: Block) =>
    block.path.length > 0 &&
    !block.path.some((heading) => heading.title.length <= 90 && NOT_DUTY_SECTION.test(foldText(heading.title)));
  const refCertainty = (block: Block): Certainty => (block.path.length > 0 ? 'high' : 'low');

  // Paragraphs between a heading and its first sub-heading describe the field ("Dữ liệu là yếu tố sản xuất …",
  // "Trọng tâm:"); the sub-items are the duties.
  const intro = new Set<Block>();
  blocks.forEach((block, index) => {
    if (block.heading || block.bullet) return;
    for (const next of blocks.slice(index + 1)) {
      if (!next.heading) {
        if (next.bullet) return;
        continue;
      }
      if (next.ref.startsWith(`${block.ref}.`) && block.path.length > 0) intro.add(block);
      return;
    }
  });

  for (const block of blocks) {
    if (block.ref !== currentRef) {
      currentRef = block.ref;
      pendingFrom = groups.length;
      scopeLead = undefined;
      introLead = undefined;
      const within = (ref: string) => block.ref === ref || block.ref.startsWith(`${ref}.`);
      if (sectionLead && !within(sectionLead.ref)) sectionLead = undefined;
      if (sectionTime && !within(sectionTime.ref)) sectionTime = undefined;
    }
    if (!inDutySection(block)) continue;
    const text = block.text;
    if (CLOSING.test(text) || intro.has(block)) continue;
    if (block.heading) {
      // "a)- Ban Tổ chức Tỉnh ủy:", "1. Sở Khoa học và Công nghệ": the unit leads what follows.
      const title = text.replace(/[:.\s]+$/u, '');
      const headingTimes = findTimes(title, { planDate }).filter((time) => time.kind === 'window');
      const period = /^(?:Giai đoạn|Năm|Từ năm|Trong năm)\s+\d{4}/u.test(title) ? headingTimes : [];
      if (period.length > 0 || (headingTimes.length > 0 && isTimeOnly(title, headingTimes))) {
        sectionTime = { ref: block.ref, times: period.length > 0 ? period : headingTimes, title };
        continue;
      }
      // A heading is short, or (in web-copied text and Word) emphasised whatever its length. A short numbered item
      // that reads as a duty ("1. Sở Tài chính bố trí kinh phí trước ngày 28/02/2026.") is one.
      const readsAsDuty =
        !/:\s*$/.test(text) &&
        !block.paragraph?.emphasised &&
        (/[.;]\s*$/.test(text) ||
          findTimes(title, { planDate }).some((time) => time.kind === 'window' || time.kind === 'deadline') ||
          ['chu-tri', 'giao'].includes(findRoles(title, matcher).how ?? ''));
      if (
        !readsAsDuty &&
        (/:\s*$/.test(text) || title.length < 100 || (block.paragraph?.emphasised && title.length < 300))
      ) {
        const mentions = matcher.mentions(title);
        const covered = mentions.reduce((sum, m) => sum + m.length, 0);
        // A heading that names a group outside the unit tree leads only when it says "Các …" ("5. Các doanh nghiệp
        // viễn thông, tổ chức, cá nhân có liên quan"); "9. Doanh nghiệp số" is a topic.
        const groupsOnly = mentions.every((m) => m.refs.every((ref) => ref.startsWith(OTHER_PREFIX)));
        if (
          mentions.length > 0 &&
          covered >= title.replace(/^(?:Đối với|Các)\s+/iu, '').length * 0.6 &&
          (!groupsOnly || /^(?:Đối với\s+)?các\s/iu.test(title))
        ) {
          sectionLead = { ref: block.ref, refs: mentions.flatMap((m) => m.refs), name: title };
        } else if (
          UNIT_HEAD.test(foldText(title)) &&
          title.length <= 100 &&
          (/:\s*$/.test(text) || (reader.government && namesABody(title)))
        ) {
          sectionLead = { ref: block.ref, refs: [matcher.proposeHeading(title)], name: title };
        }
        continue;
      }
      // A long heading is also a duty ("1/- Ban Thường vụ Tỉnh ủy phân công ...").
    }
    const times = findTimes(text, { planDate });
    // A line that only states a time closes the items before it in the same section.
    if (!block.heading && isTimeOnly(text, times)) {
      const covered = groups
        .slice(pendingFrom)
        .filter(
          (group) => group.ref === block.ref && !group.times.some((t) => t.kind === 'window' || t.kind === 'deadline'),
        );
      if (covered.length === 0) {
        const previous = groups[groups.length - 1];
        if (previous && previous.ref === block.ref) covered.push(previous);
      }
      for (const group of covered) {
        group.times.push(...times);
        group.closedBy = { times, line: block.line, text: block.raw, count: covered.length };
      }
      if (covered.length === 0) {
        groups.push({
          ref: block.ref,
          refCertainty: refCertainty(block),
          sentences: [{ raw: block.raw, text }],
          lead: [],
          leadFrom: 'none',
          support: [],
          times,
          line: block.line,
          location: locate(block, block.raw, reader.text),
          uncertain: ['a time line with no item before it in its section'],
          origin: 'text',
        });
      }
      pendingFrom = groups.length;
      continue;
    }
    // Scope bullets: "- Ở cấp huyện và tương đương: ...", "- Ở Tỉnh ủy:".
    if (block.bullet === '-' || block.bullet === '–') {
      scopeLead = undefined;
      if (introLead?.bullet === block.bullet) introLead = undefined;
    }
    const scope = /^(?:Ở|Đối với)\s+([^:]{2,80}):\s*/u.exec(text);
    let body = block.raw;
    if (scope) {
      const mentions = matcher.mentions(scope[1] ?? '');
      if (mentions.length > 0) scopeLead = { refs: mentions.flatMap((m) => m.refs), name: scope[1] ?? '' };
      const rest = text.slice(scope[0].length).trim();
      if (!rest) continue;
      body = block.raw.slice(block.raw.length - rawTail(block.raw, rest.length)).trim();
    }
    // Intro lines ("... như:", "+ Tổ chức 02 hội nghị ...:") are not duties; their subject leads the items.
    if (/:\s*$/.test(text) && text.length < 400) {
      const roles = findRoles(text, matcher);
      if (roles.lead.length > 0) introLead = { refs: roles.lead, bullet: block.bullet };
      continue;
    }

    // Sentences → duties: a sentence with its own subject, or a recurring clause, starts a new duty.
    const sentences = sentencesOf(body).flatMap((sentence) => splitRecurringClause(sentence, planDate));
    const firstOfBlock = groups.length;
    let current: Gathered | undefined;
    let cursor = 0;
    for (const sentence of sentences) {
      const roles = findRoles(sentence.text, matcher);
      const sentenceTimes = findTimes(sentence.text, { planDate });
      const later = current !== undefined && sentence.raw !== sentences[0]?.raw;
      const recurringClause = later && sentenceTimes.some((time) => time.kind === 'recurring' && time.index < 5);
      // A later sentence with its own date is a duty of its own ("… . Định kỳ gửi báo cáo trước ngày 15/11 hằng
      // năm."); a sentence that only states a time belongs to the one before ("Thời gian hai ngày (27, 28/3/2012).").
      const ownTime =
        later &&
        REPORTING.test(foldText(sentence.text)) &&
        sentenceTimes.some((time) => time.kind === 'window' || time.kind === 'deadline') &&
        !isTimeOnly(sentence.text, sentenceTimes);
      const newSubject =
        roles.lead.length > 0 &&
        current !== undefined &&
        !sameRefs(roles.lead, current.lead) &&
        current.leadFrom !== 'none' &&
        current.leadFrom !== 'issuer';
      const where = locate(block, sentence.raw, reader.text, cursor);
      const inBlock = block.raw.indexOf(sentence.raw, cursor);
      if (inBlock >= 0) cursor = inBlock + sentence.raw.length;
      if (
        current &&
        roles.lead.length > 0 &&
        !ownTime &&
        !recurringClause &&
        (current.leadFrom === 'none' || current.leadFrom === 'issuer')
      ) {
        // The paragraph's first sentence named no one; a later one does ("Trước khi ..., cần ... . Thường trực ... chọn ...").
        current.lead = roles.lead;
        current.leadFrom = roles.how ?? 'subject';
        current.uncertain = current.uncertain.filter((note) => !note.startsWith('no lead unit'));
      } else if (!current || newSubject || recurringClause || ownTime) {
        const inherited =
          sectionLead ??
          (introLead ? { refs: introLead.refs, name: 'the line introducing these items' } : undefined) ??
          scopeLead;
        let lead: string[];
        let leadFrom: Gathered['leadFrom'];
        const uncertain: string[] = [];
        if (roles.lead.length > 0 && (!sectionLead || roles.how === 'chu-tri' || roles.how === 'giao')) {
          lead = roles.lead;
          leadFrom = roles.how ?? 'subject';
        } else if ((recurringClause || ownTime) && current && current.lead.length > 0) {
          // "…; định kỳ hằng năm báo cáo …": the clause goes on with the sentence's subject.
          lead = current.lead;
          leadFrom = current.leadFrom;
        } else if (sectionLead) {
          lead = sectionLead.refs;
          leadFrom = 'heading';
        } else if (current && current.lead.length > 0) {
          lead = current.lead;
          leadFrom = current.leadFrom;
        } else if (inherited) {
          lead = inherited.refs;
          leadFrom = 'context';
          uncertain.push(`lead taken from "${inherited.name}"`);
        } else if (reader.government) {
          // A People's Committee's plan that names nobody for an item: the text does not say who; leave it open.
          lead = [];
          leadFrom = 'none';
          uncertain.push('no lead unit in the text: to be assigned (the draft carries the issuer as a placeholder)');
        } else {
          // A party committee's own plan: items that name nobody are the committee's own work.
          lead = [issuerUnit];
          leadFrom = 'issuer';
          uncertain.push('no lead unit in the text: set to the issuer');
        }
        current = {
          ref: block.ref,
          refCertainty: refCertainty(block),
          sentences: [],
          lead,
          leadFrom,
          support: [],
          times: [],
          line: where.line,
          location: where,
          uncertain,
          origin: 'text',
        };
        groups.push(current);
      }
      current.sentences.push(sentence);
      current.location = { ...current.location, end: Math.max(current.location.end, where.end) };
      for (const ref of roles.support)
        if (!current.support.includes(ref) && !current.lead.includes(ref)) current.support.push(ref);
      current.times.push(...sentenceTimes);
    }
    // Items under a heading that gives a period ("1. Giai đoạn 2025 - 2030") take it when they give no date.
    if (sectionTime) {
      const time = sectionTime;
      const ends = new Set(time.times.map((t) => t.end));
      for (const group of groups.slice(firstOfBlock)) {
        if (!group.ref.startsWith(time.ref)) continue;
        const own = group.times.filter((t) => t.kind === 'window' || t.kind === 'deadline');
        // "phấn đấu đến năm 2030 …" under "1. Giai đoạn 2025 - 2030" restates the phase's end: the phase is the window.
        const restates = own.length > 0 && own.every((t) => t.kind === 'deadline' && ends.has(t.end));
        if (own.length === 0 || restates) {
          group.times = [...group.times.filter((t) => !own.includes(t)), ...time.times];
          group.fromHeading = time.title;
        }
      }
    }
  }
}

function rawTail(raw: string, nfcLength: number): number {
  for (let length = 0; length <= raw.length; length += 1) {
    if (raw.slice(raw.length - length).normalize('NFC').length >= nfcLength) return length;
  }
  return raw.length;
}

function sameRefs(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((ref) => b.includes(ref));
}

/** The level a proposed unit gets from its name. */
export function levelOfName(name: string): string {
  const folded = foldText(name);
  if (/\bhuyen\b|\bthanh pho\b|\bthi xa\b/.test(folded)) return 'district';
  if (/\bxa\b|\bphuong\b|\bthi tran\b/.test(folded)) return 'grassroots';
  return 'province';
}

/** "TỈNH ỦY TRÀ VINH" → "Tỉnh ủy Trà Vinh" (kept for callers of the first extractor). */
export { officialCase as titleCaseUnit } from './header.js';
