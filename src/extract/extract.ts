// From the text of a Vietnamese implementation plan to a draft plan: metadata, duties with ref, lead,
// support, windows and recurrence, each uncertain point noted.
import { type LocalDate, makeLocalDate } from '../domain/dates.js';
import { foldText } from '../domain/text.js';
import type { UnitLevel } from '../plans/format.js';
import { defaultRecurringWindow, findTimes, type TimeFinding } from './dates.js';
import { collapseSpaces, foldKeepLength, normalizeLineEnds, toParagraphs } from './normalize.js';
import { type Block, parseStructure } from './structure.js';
import { findRoles, type Issuer, type KnownUnit, type ProposedUnit, UNIT_HEAD, UnitMatcher } from './units.js';

export interface DraftWindow {
  start: LocalDate;
  end: LocalDate;
  label?: string;
  repeat?: { everyMonths: number };
  /** Set when the window is our choice or a reading to check; written as a comment above it. */
  comment?: string;
}

export interface DraftDuty {
  key: string;
  ref: string;
  title: string;
  source: string;
  lead: string[];
  support: string[];
  schedule: DraftWindow[];
  /** Recurrence found in the text (months; null for "định kỳ" with no interval). */
  recurring?: number | null;
  /** Points a reviewer must check (written as comments above the duty). */
  uncertain: string[];
  /** 1-based line of the source where the duty's text starts. */
  line: number;
}

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
}

export interface ExtractResult {
  plan: DraftPlanMeta;
  /** Notes on the metadata (e.g. a date not found). */
  planUncertain: string[];
  units: ProposedUnit[];
  duties: DraftDuty[];
  uncertain: { key: string; ref: string; line: number; notes: string[] }[];
  summary: ExtractSummary;
}

export interface ExtractOptions {
  /** Units already known (the database's). */
  knownUnits?: KnownUnit[];
  /** Written to plan.sourceFile. */
  sourceFile?: string;
  /** Used when the text has no date ("ngày ... tháng ... năm ..."). */
  fallbackDate?: LocalDate;
  timeZone?: string;
}

// ------------------------------------------------------------------------------------------------
// Metadata.

const NOT_DUTY_SECTION =
  /^(?:tinh hinh|ket qua|muc dich|muc tieu|yeu cau|phuong cham|quan diem|danh gia|boi canh|nguyen nhan|can cu|thuc trang|chi tieu)/;

interface Header {
  code?: string;
  issuer?: string;
  place?: string;
  issuedOn?: LocalDate;
  title?: string;
}

export function readHeader(source: string): Header {
  const lines = normalizeLineEnds(source).split('\n');
  const header: Header = {};
  const nfcLines = lines.map((line) => line.normalize('NFC'));
  const firstHeading = nfcLines.findIndex(
    (line) => /^\s*(?:[IVX]{1,4}\s*[.\-/)]|1\s*[.)/-]|[A-ZĐ]\s*[.)-]\s)/u.test(line) && !/^\s*KẾ HOẠCH/u.test(line),
  );
  const top = nfcLines.slice(0, firstHeading > 0 ? firstHeading : Math.min(nfcLines.length, 40));
  for (const line of top) {
    const number = /Số\s*:?\s*(\d+[\s\-–]*[A-ZĐ]{1,5}\s*\/\s*[A-ZĐ0-9-]{1,12})/u.exec(line);
    if (number?.[1] && !header.code) header.code = number[1].replace(/\s+/g, '').replace('–', '-');
    const dated =
      /(?:^|\s{2,}|^\s*)([\p{Lu}][\p{L} .-]{1,40}?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(
        line.trim(),
      );
    if (dated && !header.issuedOn) {
      header.place = collapseSpaces(dated[1] ?? '');
      header.issuedOn = makeLocalDate(Number(dated[4]), Number(dated[3]), Number(dated[2]));
    }
  }
  // Issuer: the left column of the first lines, before "ĐẢNG CỘNG SẢN VIỆT NAM".
  const issuerLines: string[] = [];
  for (const line of top.slice(0, 6)) {
    const left = (
      line
        .split(/\s{3,}|\t/)
        .map((part) => part.trim())
        .filter(Boolean)[0] ?? ''
    )
      .replace(/[*]+/g, '')
      .trim();
    if (!left || /ĐẢNG CỘNG SẢN|CỘNG HÒA|Độc lập|Số\b|ngày/u.test(left)) continue;
    if (/^[\p{Lu}\s-]+$/u.test(left) && /ỦY|ĐẢNG BỘ|BAN/u.test(left)) issuerLines.push(left);
  }
  const issuer =
    issuerLines.find((line) => /(?:TỈNH|THÀNH|HUYỆN|THỊ|ĐẢNG)\s*ỦY/u.test(line) && line.split(/\s+/).length > 2) ??
    issuerLines.join(' ');
  if (issuer) header.issuer = titleCaseUnit(issuer);
  if (!header.place && header.issuer)
    header.place = header.issuer.replace(/^(?:Tỉnh|Thành|Huyện|Thị|Đảng)\s+ủy\s*/u, '') || undefined;
  // Title: from "KẾ HOẠCH" to the first heading.
  const start = nfcLines.findIndex((line) => /^\s*KẾ\s+HOẠCH\b/u.test(line));
  if (start >= 0) {
    const parts: string[] = [];
    for (const line of nfcLines.slice(start, firstHeading > start ? firstHeading : start + 8)) {
      const text = collapseSpaces(line);
      if (!text || /^[-*_.]+$/.test(text)) continue;
      if (/^(?:Số\b|Căn cứ|Thực hiện\s+(?:Nghị quyết|Chỉ thị|Kế hoạch)\s.*,\s*$)/u.test(text) && parts.length > 1)
        break;
      parts.push(text);
    }
    let title = parts.join(' ').replace(/^KẾ\s+HOẠCH/u, 'Kế hoạch');
    title = title.replace(/[“”]/g, '"').trim();
    if (title.length > 500) title = `${title.slice(0, 497)}...`;
    if (title) header.title = title;
  }
  return header;
}

/** "TỈNH ỦY TRÀ VINH" → "Tỉnh ủy Trà Vinh". */
export function titleCaseUnit(upper: string): string {
  const words = collapseSpaces(upper).toLocaleLowerCase('vi').split(' ');
  const kindWords = new Set(['ủy', 'bộ', 'đảng', 'ban', 'thường', 'vụ']);
  let seenKind = false;
  return words
    .map((word, index) => {
      if (index === 0) return capitalise(word);
      if (!seenKind && kindWords.has(word)) {
        if (word === 'ủy' || word === 'vụ') seenKind = true;
        return word === 'đảng' ? 'Đảng' : word;
      }
      seenKind = true;
      return capitalise(word);
    })
    .join(' ');
}

function capitalise(word: string): string {
  return word.charAt(0).toLocaleUpperCase('vi') + word.slice(1);
}

function issuerOf(name: string, code: string | undefined, place: string | undefined): Issuer {
  const folded = foldText(name);
  const kind = /^(tinh uy|thanh uy|huyen uy|thi uy|dang uy)/.exec(folded)?.[1] ?? 'tinh uy';
  const suffix = code ? /\/\s*([A-ZĐ0-9]+)$/u.exec(code)?.[1]?.replace(/Đ/g, 'D') : undefined;
  const fromKind = kind === 'huyen uy' ? 'HU' : kind === 'dang uy' ? 'DU' : kind === 'thi uy' ? 'TXU' : 'TU';
  return {
    code: suffix && /^[A-Z][A-Z0-9]{0,9}$/.test(suffix) ? suffix : fromKind,
    name,
    kind,
    ...(place ? { place } : {}),
  };
}

// ------------------------------------------------------------------------------------------------
// Duties.

interface Group {
  ref: string;
  sentences: { raw: string; text: string }[];
  lead: string[];
  leadFrom: string;
  support: string[];
  times: TimeFinding[];
  line: number;
  uncertain: string[];
  closedBy?: { times: TimeFinding[]; line: number; text: string; count: number };
}

/** Filler words of a line that only states a time ("Thực hiện trong tháng 7 và tháng 8/2012."). */
const TIME_FILLER = new Set([
  'thoi',
  'gian',
  'thuc',
  'hien',
  'trong',
  'hoan',
  'thanh',
  'mot',
  'hai',
  'ba',
  'bon',
  'nam',
  'ngay',
  'den',
  'tu',
  'tuan',
  'truoc',
  'xong',
  'cham',
  'nhat',
  'du',
  'kien',
  'tien',
  'do',
  'va',
  'han',
  'chot',
  'la',
  'tai',
  'vao',
  'cuoi',
  'dau',
  'thang',
  'quy',
  'het',
  'ke',
  'bat',
  'tien',
  'hanh',
  'to',
  'chuc',
  'ket',
  'thuc',
  'trien',
  'khai',
  'mo',
  'dot',
]);

export function isTimeOnly(text: string, times: TimeFinding[]): boolean {
  if (times.length === 0 || times.every((time) => time.kind === 'recurring') || text.length > 140) return false;
  let folded = foldKeepLength(text.normalize('NFC'));
  for (const time of [...times].sort((a, b) => b.index - a.index))
    folded = `${folded.slice(0, time.index)} ${folded.slice(time.index + time.length)}`;
  return folded
    .split(/[^a-z]+/)
    .filter(Boolean)
    .every((word) => TIME_FILLER.has(word));
}

/** Splits a paragraph into sentences at ". " followed by a capital (and at "; " before a recurrence). */
function sentencesOf(raw: string): { raw: string; text: string }[] {
  const parts: string[] = [];
  let last = 0;
  const nfc = raw.normalize('NFC');
  // Split on the NFC text, then map each part back by re-normalising the raw prefix (positions of ". " agree).
  const regex = /(?<=[.!?…])\s+(?=["“(]?[\p{Lu}\d])/gu;
  for (const match of raw.matchAll(regex)) {
    parts.push(raw.slice(last, match.index));
    last = match.index + match[0].length;
  }
  parts.push(raw.slice(last));
  void nfc;
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ raw: part, text: part.normalize('NFC') }));
}

/** A clause after "; " that states a recurrence ("...; 6 tháng và hàng năm báo cáo ...") is a duty of its own. */
function splitRecurringClause(
  sentence: { raw: string; text: string },
  planDate: LocalDate,
): { raw: string; text: string }[] {
  const pieces = sentence.raw.split(/;\s+/);
  if (pieces.length < 2) return [sentence];
  const index = pieces.findIndex(
    (piece, i) =>
      i > 0 && findTimes(piece.slice(0, 40), { planDate }).some((time) => time.kind === 'recurring' && time.index < 5),
  );
  if (index <= 0) return [sentence];
  const head = `${pieces.slice(0, index).join('; ')};`;
  const tail = pieces.slice(index).join('; ');
  return [
    { raw: head, text: head.normalize('NFC') },
    { raw: tail, text: tail.normalize('NFC') },
  ];
}

export function extractPlan(source: string, options: ExtractOptions = {}): ExtractResult {
  const header = readHeader(source);
  const planUncertain: string[] = [];
  if (!header.code) planUncertain.push('plan number ("Số ...-KH/...") not found: set plan.code');
  if (!header.issuedOn)
    planUncertain.push(
      'plan date ("..., ngày ... tháng ... năm ...") not found: set plan.issuedOn (years default to it)',
    );
  if (!header.issuer) planUncertain.push('issuer not found in the heading: set plan.issuer');
  if (!header.title) planUncertain.push('title ("KẾ HOẠCH ...") not found: set plan.title');
  const planDate = header.issuedOn ?? options.fallbackDate ?? ('2000-01-01' as LocalDate);
  const issuerName = header.issuer ?? 'Tỉnh ủy';
  const issuer = issuerOf(issuerName, header.code, header.place);
  const matcher = new UnitMatcher(options.knownUnits ?? [], issuer);
  const issuerUnit = matcher.issuerCode();

  // The signature and the list of recipients ("T/M TỈNH ỦY", "Nơi nhận:") end the plan's body.
  const allParagraphs = toParagraphs(source);
  const firstHeading = allParagraphs.findIndex((paragraph) => /^[IVX]{1,4}\s*[.\-/)]/u.test(paragraph.text));
  const signature = allParagraphs.findIndex(
    (paragraph, index) =>
      index > firstHeading &&
      /^(?:T\/M\b|TM\.?\s|KT\.?\s|Q\.\s|Nơi nhận\s*:?|\(Đã ký\)|BÍ THƯ$|PHÓ BÍ THƯ)/u.test(paragraph.text),
  );
  const paragraphs = signature > 0 ? allParagraphs.slice(0, signature) : allParagraphs;
  const blocks = parseStructure(paragraphs);
  const groups: Group[] = [];

  let sectionLead: { ref: string; refs: string[]; name: string } | undefined;
  let scopeLead: { refs: string[]; name: string } | undefined;
  let introLead: { refs: string[]; bullet: string | undefined } | undefined;
  let pendingFrom = 0; // index in groups of the first group a closing time line may cover
  let currentRef = '';

  const inDutySection = (block: Block) =>
    block.path.length > 0 && !block.path.some((heading) => NOT_DUTY_SECTION.test(foldText(heading.title)));

  for (const block of blocks) {
    if (block.ref !== currentRef) {
      currentRef = block.ref;
      pendingFrom = groups.length;
      scopeLead = undefined;
      introLead = undefined;
      if (sectionLead && !(block.ref === sectionLead.ref || block.ref.startsWith(`${sectionLead.ref}.`)))
        sectionLead = undefined;
    }
    if (!inDutySection(block)) continue;
    const text = block.text;
    const folded = foldText(text);
    if (block.heading) {
      // "a)- Ban Tổ chức Tỉnh ủy:": the unit leads what follows.
      const title = text.replace(/[:.\s]+$/u, '');
      if (/:\s*$/.test(text) || title.length < 100) {
        const mentions = matcher.mentions(title);
        const covered = mentions.reduce((sum, m) => sum + m.length, 0);
        if (mentions.length > 0 && covered >= title.length * 0.6) {
          sectionLead = { ref: block.ref, refs: mentions.flatMap((m) => m.refs), name: title };
        } else if (UNIT_HEAD.test(foldText(title)) && title.length <= 80 && /:\s*$/.test(text)) {
          const code = matcher.propose(
            title,
            'province',
            /^(?:so|ban chi dao|uy ban nhan dan|dai|bao)\b/.test(foldText(title)),
            'a section heading names it; not among the known units',
          );
          sectionLead = { ref: block.ref, refs: [code], name: title };
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
        .filter((group) => group.ref === block.ref && !group.times.some((t) => t.kind !== 'recurring'));
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
          sentences: [{ raw: block.raw, text }],
          lead: [],
          leadFrom: 'none',
          support: [],
          times,
          line: block.line,
          uncertain: ['a time line with no item before it in its section'],
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
    void folded;

    // Sentences → duties: a sentence with its own subject, or a recurring clause, starts a new duty.
    const sentences = sentencesOf(body).flatMap((sentence) => splitRecurringClause(sentence, planDate));
    let current: Group | undefined;
    for (const sentence of sentences) {
      const roles = findRoles(sentence.text, matcher);
      const sentenceTimes = findTimes(sentence.text, { planDate });
      const recurringClause =
        sentenceTimes.some((time) => time.kind === 'recurring' && time.index < 5) &&
        current !== undefined &&
        sentence.raw !== sentences[0]?.raw;
      const newSubject =
        roles.lead.length > 0 &&
        current !== undefined &&
        !sameRefs(roles.lead, current.lead) &&
        current.leadFrom !== 'none';
      if (current && roles.lead.length > 0 && current.leadFrom === 'none') {
        // The paragraph's first sentence named no one; a later one does ("Trước khi ..., cần ... . Thường trực ... chọn ...").
        current.lead = roles.lead;
        current.leadFrom = roles.how ?? 'subject';
        current.uncertain = current.uncertain.filter((note) => !note.startsWith('no lead unit'));
      } else if (!current || newSubject || recurringClause) {
        const inherited =
          sectionLead ??
          (introLead ? { refs: introLead.refs, name: 'the line introducing these items' } : undefined) ??
          scopeLead;
        let lead: string[];
        let leadFrom: string;
        const uncertain: string[] = [];
        if (roles.lead.length > 0 && (!sectionLead || roles.how === 'chu-tri' || roles.how === 'giao')) {
          lead = roles.lead;
          leadFrom = roles.how ?? 'subject';
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
        } else {
          lead = [issuerUnit];
          leadFrom = 'none';
          uncertain.push('no lead unit in the text: set to the issuer');
        }
        current = {
          ref: block.ref,
          sentences: [],
          lead,
          leadFrom,
          support: [],
          times: [],
          line: block.line,
          uncertain,
        };
        groups.push(current);
      }
      current.sentences.push(sentence);
      for (const ref of roles.support)
        if (!current.support.includes(ref) && !current.lead.includes(ref)) current.support.push(ref);
      current.times.push(...sentenceTimes);
    }
  }

  // Groups → duties.
  const keys = new Set<string>();
  const duties: DraftDuty[] = groups.map((group) => toDuty(group, planDate, keys));
  const uncertain = duties
    .filter((duty) => duty.uncertain.length > 0)
    .map((duty) => ({ key: duty.key, ref: duty.ref, line: duty.line, notes: duty.uncertain }));
  const units = [...matcher.proposed.values()];
  const windows = duties.flatMap((duty) => duty.schedule);
  const summary: ExtractSummary = {
    duties: duties.length,
    windows: windows.length,
    datedWindows: windows.filter((window) => !window.repeat && !window.comment?.startsWith('Default')).length,
    deadlines: duties.filter((duty) => duty.schedule.some((window) => window.label === 'hạn chót')).length,
    recurring: duties.filter((duty) => duty.recurring !== undefined).length,
    uncertain: uncertain.length + planUncertain.length,
    newUnits: units.map((unit) => unit.code),
    sections: [...new Set(duties.map((duty) => duty.ref))],
  };
  const plan: DraftPlanMeta = {
    code: header.code ?? 'CHUA-RO',
    title: header.title ?? 'Kế hoạch (chưa rõ tên)',
    issuer: issuerName,
    issuerUnit,
    ...(header.place ? { place: header.place } : {}),
    issuedOn: planDate,
    timeZone: options.timeZone ?? 'Asia/Ho_Chi_Minh',
    ...(options.sourceFile ? { sourceFile: options.sourceFile } : {}),
  };
  return { plan, planUncertain, units, duties, uncertain, summary };
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

function toDuty(group: Group, planDate: LocalDate, keys: Set<string>): DraftDuty {
  const source = group.sentences.map((sentence) => sentence.raw).join(' ');
  const text = group.sentences.map((sentence) => sentence.text).join(' ');
  const title = titleOf(text);
  let base = `${group.ref.toLowerCase() || 'x'}-${slug(title)}`.slice(0, 100).replace(/-+$/, '');
  if (!/^[A-Za-z0-9]/.test(base)) base = `d-${base}`;
  let key = base;
  for (let n = 2; keys.has(key); n += 1) key = `${base}-${n}`;
  keys.add(key);

  const uncertain = [...group.uncertain];
  const schedule: DraftWindow[] = [];
  const dated = group.times.filter((time) => time.kind !== 'recurring' && time.start && time.end);
  const recurring = group.times.find((time) => time.kind === 'recurring');
  const seen = new Set<string>();
  for (const time of dated) {
    const id = `${time.start}..${time.end}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const notes: string[] = [];
    if (time.yearInferred) notes.push(`year not written ("${time.phrase}"): taken from the plan date`);
    if (time.note) notes.push(time.note);
    if (time.kind === 'deadline') notes.push(`deadline "${time.phrase}": window runs from the plan date to it`);
    const window: DraftWindow = {
      start: time.start as LocalDate,
      end: time.end as LocalDate,
      ...(time.kind === 'deadline' ? { label: 'hạn chót' } : {}),
    };
    if (notes.length > 0) {
      window.comment = notes.join('; ');
      uncertain.push(...notes);
    }
    schedule.push(window);
  }
  if (group.closedBy) {
    const note = `window from the line closing the section (line ${group.closedBy.line}: "${collapseSpaces(group.closedBy.text).normalize('NFC')}"), applied to the ${group.closedBy.count} item(s) before it`;
    if (group.closedBy.count > 1) uncertain.push(note);
    for (const window of schedule) if (!window.comment) window.comment = note;
  }
  if (dated.length > 1 && seen.size > 1)
    uncertain.push(`several windows in the text (${[...seen].join(', ')}): check which belong to this duty`);
  let recurringMonths: number | null | undefined;
  if (recurring) {
    recurringMonths = recurring.everyMonths ?? null;
    if (recurring.everyMonths === undefined) {
      uncertain.push(recurring.note ?? `"${recurring.phrase}": no interval`);
    } else if (schedule[0]) {
      schedule[0].repeat = { everyMonths: recurring.everyMonths };
      schedule[0].label = recurring.label ?? recurring.phrase;
    } else {
      const report = /\bbao cao\b/.test(foldText(text));
      const window = defaultRecurringWindow(recurring.everyMonths, planDate, report);
      schedule.push({
        start: window.start,
        end: window.end,
        label: recurring.label ?? recurring.phrase,
        repeat: { everyMonths: recurring.everyMonths },
        comment: `Default (no day in the text, "${recurring.phrase}"): ${window.why}; open-ended`,
      });
      uncertain.push(
        `recurring ("${recurring.phrase}") with no day in the text: default first window ${window.start}..${window.end}`,
      );
    }
  }
  return {
    key,
    ref: group.ref || '-',
    title,
    source: source.length > 8000 ? source.slice(0, 8000) : source,
    lead: group.lead,
    support: group.support.filter((ref) => !group.lead.includes(ref)),
    schedule,
    ...(recurringMonths !== undefined ? { recurring: recurringMonths } : {}),
    uncertain: [...new Set(uncertain)],
    line: group.line,
  };
}

/** A short title: the first clause of the text, at most about 90 characters, cut at a word. */
export function titleOf(text: string): string {
  let title = text.replace(/^[-+*•\s]+/, '').trim();
  const clause = /^(.{30,}?)[;:](?:\s|$)/u.exec(title);
  if (clause?.[1]) title = clause[1];
  if (title.length > 90) {
    const cut = title.slice(0, 90);
    title = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).replace(/[,;:\s]+$/, '')}…`;
  }
  title = title.replace(/[.;:,\s]+$/u, '');
  return title || 'Nhiệm vụ';
}

function slug(title: string): string {
  const words = foldText(title)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter(
      (word) =>
        word &&
        ![
          'cac',
          'va',
          'cua',
          'de',
          'cho',
          'voi',
          'trong',
          'theo',
          'nhung',
          'mot',
          'so',
          'la',
          'thi',
          'o',
          've',
        ].includes(word),
    );
  return words.slice(0, 6).join('-') || 'nhiem-vu';
}

/** The level a proposed unit gets from its name. */
export function levelOfName(name: string): UnitLevel {
  const folded = foldText(name);
  if (/\bhuyen\b|\bthanh pho\b|\bthi xa\b/.test(folded)) return 'district';
  if (/\bxa\b|\bphuong\b|\bthi tran\b/.test(folded)) return 'grassroots';
  return 'province';
}
