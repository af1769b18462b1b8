// Finding the units a plan sentence names, and which of them leads ("chủ trì", the subject, "giao ...")
// and which support ("phối hợp với ...").
//
// Three sources, in this order at each position of the text:
//  1. level phrases: "Huyện ủy, Thành ủy và tương đương" = level:district, "cấp ủy cơ sở" = level:grassroots,
//     "chi bộ" = level:cell, "các cấp ủy" = district + grassroots;
//  2. known units (from the database or a plan file) by their names and aliases, folded;
//  3. a catalogue of the standard bodies of a provincial party committee ("Ban Tổ chức Tỉnh ủy" → TU-BTC),
//     proposed as new units when the known units lack them; plus "Sở ...", "Ban Chỉ đạo ..." and unit
//     headings, proposed as new units with generated codes.
import { foldText } from '../domain/text.js';
import type { UnitLevel } from '../plans/format.js';
import { type BodyMatch, governmentBodyAt } from './gov-units.js';
import { type LevelContext, type LevelPhrase, levelPhrases, OTHER_GROUPS } from './level-phrases.js';
import { foldKeepLength } from './normalize.js';

/** Lead or support that names a group outside the unit tree ("các doanh nghiệp"): "other:<words as written>". */
export const OTHER_PREFIX = 'other:';

export interface KnownUnit {
  code: string;
  name: string;
  shortName?: string | null;
  level: UnitLevel;
  /** Every name the unit answers to (any case and accents; folded here). */
  names: string[];
}

export interface ProposedUnit {
  code: string;
  name: string;
  shortName?: string;
  level: UnitLevel;
  parent?: string;
  aliases: string[];
  /** Why the unit is proposed (shown as a comment). */
  reason: string;
}

export interface Mention {
  /** Unit codes or level references ("level:district"). */
  refs: string[];
  index: number;
  length: number;
  /** As written (NFC). */
  text: string;
}

export interface Issuer {
  /** The issuer's own code: "TU" for a Tỉnh ủy (the plan number's suffix), "DONGTHAP-UBND" for a People's Committee. */
  code: string;
  /** Party committees and their organs, or the state (People's Committees, departments). */
  branch: 'party' | 'government';
  /** Prefix of the codes of proposed units: the issuer's code for a party committee, the place slug otherwise. */
  prefix: string;
  /** Folded ways the text names the issuer itself ("uy ban nhan dan tinh", "ubnd tinh"). */
  selfNames: string[];
  /** "Tỉnh ủy Trà Vinh". */
  name: string;
  /** The place, e.g. "Trà Vinh"; used in the names of proposed units. */
  place?: string;
  /** "tinh uy", "huyen uy", "thanh uy", "dang uy": the word the catalogue's names end with; "ubnd", "so" … */
  kind: string;
  /** The level key the issuer itself belongs to. */
  level: string;
}

const DISTRICT = 'level:district';
const GRASSROOTS = 'level:grassroots';

/** Words after a provincial body that make it another level's ("Ban Tổ chức cấp huyện", "Ủy ban Kiểm tra các cấp"). */
const ALL_LEVELS_AFTER = /^ (?:cac cap|cap minh)\b/;
const OTHER_LEVEL_AFTER =
  /^ (?:cap huyen|huyen|cap co so|cap xa|cap duoi|cap tren|cung cap|cap uy cung cap|trung uong|tw|cap uy cap|cac huyen)\b/;

interface CatalogueEntry {
  suffix: string;
  /** Folded patterns, without the issuer word; `K` stands for the issuer word ("tinh uy"). */
  patterns: string[];
  name: string;
  shortName: string;
  aliases: string[];
}

/** The standard bodies of a party committee, named "<body> <issuer word>" ("Ban Tổ chức Tỉnh ủy"). */
const CATALOGUE: CatalogueEntry[] = [
  {
    suffix: 'BCH',
    patterns: ['(?:uy vien )?ban chap hanh dang bo (?:tinh|K)', 'ban chap hanh K', 'K vien'],
    name: 'Ban Chấp hành Đảng bộ',
    shortName: 'Ban Chấp hành',
    aliases: ['BCH'],
  },
  {
    suffix: 'BTV',
    patterns: ['(?:cac dong chi )?(?:uy vien )?ban thuong vu K', 'thuong vu K'],
    name: 'Ban Thường vụ',
    shortName: 'Ban Thường vụ',
    aliases: ['BTV'],
  },
  { suffix: 'TT', patterns: ['thuong truc K'], name: 'Thường trực', shortName: 'Thường trực', aliases: [] },
  { suffix: 'BTC', patterns: ['ban to chuc K'], name: 'Ban Tổ chức', shortName: 'Ban Tổ chức', aliases: ['BTC'] },
  {
    suffix: 'UBKT',
    patterns: ['uy ban kiem tra K'],
    name: 'Ủy ban Kiểm tra',
    shortName: 'Ủy ban Kiểm tra',
    aliases: ['UBKT'],
  },
  {
    suffix: 'BTG',
    patterns: ['ban tuyen giao K'],
    name: 'Ban Tuyên giáo',
    shortName: 'Ban Tuyên giáo',
    aliases: ['BTG'],
  },
  { suffix: 'BDV', patterns: ['ban dan van K'], name: 'Ban Dân vận', shortName: 'Ban Dân vận', aliases: ['BDV'] },
  {
    suffix: 'BTGDV',
    patterns: ['ban tuyen giao va dan van K'],
    name: 'Ban Tuyên giáo và Dân vận',
    shortName: 'Ban Tuyên giáo và Dân vận',
    aliases: [],
  },
  {
    suffix: 'BXDD',
    patterns: ['ban xay dung dang K'],
    name: 'Ban Xây dựng Đảng',
    shortName: 'Ban Xây dựng Đảng',
    aliases: [],
  },
  { suffix: 'BNC', patterns: ['ban noi chinh K'], name: 'Ban Nội chính', shortName: 'Ban Nội chính', aliases: ['BNC'] },
  { suffix: 'VP', patterns: ['van phong K'], name: 'Văn phòng', shortName: 'Văn phòng', aliases: [] },
  {
    suffix: 'DD-HDND',
    patterns: ['dang doan hoi dong nhan dan (?:tinh|thanh pho|huyen)'],
    name: 'Đảng đoàn Hội đồng nhân dân',
    shortName: 'Đảng đoàn HĐND',
    aliases: ['Đảng đoàn HĐND'],
  },
  {
    suffix: 'BCSD-UBND',
    patterns: ['ban can su dang uy ban nhan dan (?:tinh|thanh pho)', 'ban can su dang ubnd (?:tinh|thanh pho)'],
    name: 'Ban Cán sự Đảng Ủy ban nhân dân',
    shortName: 'Ban Cán sự Đảng UBND',
    aliases: ['BCSĐ UBND'],
  },
  {
    suffix: 'DD-MTTQ',
    patterns: ['dang doan (?:uy ban )?mat tran to quoc(?: viet nam)? (?:tinh|thanh pho|huyen)'],
    name: 'Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam',
    shortName: 'Đảng đoàn MTTQ',
    aliases: ['Đảng đoàn MTTQ'],
  },
];

/** "Các Ban Đảng Tỉnh ủy" / "các Ban của Tỉnh ủy" = these catalogue bodies (the plan-file convention). */
const PARTY_BOARDS = ['BTC', 'UBKT', 'BTG', 'BDV', 'VP'];
const PARTY_BOARDS_PHRASE = /(?:lanh dao )?cac ban (?:dang|cua) K/;
/** "Ban Cán sự Đảng, Đảng đoàn" without a named organisation = every party group (the plan-file convention). */
const PARTY_GROUPS_PHRASE =
  /(?:cac )?(?:uy vien |bi thu )?(?:ban can su dang|dang doan)(?:(?:,| va| hoac) (?:cac )?(?:ban can su dang|dang doan))*(?![a-z])/y;
const PARTY_GROUP_CATALOGUE = ['BCSD-UBND', 'DD-HDND', 'DD-MTTQ'];

/** Words that open a unit name: a heading made of such a name is a unit heading ("a)- Ban Tổ chức Tỉnh ủy:"). */
export const UNIT_HEAD =
  /^(?:cac )?(?:ban|uy ban|dang doan|dang uy|van phong|so|hoi|lien doan|tinh doan|thanh doan|huyen doan|doan thanh nien|cong an|bo chi huy|bao|dai|truong|thuong truc|thuong vu|mat tran|toa an|vien kiem sat|thanh tra|co quan)\b/;

/** Steering committees named up to their province: "Ban Chỉ đạo phòng, chống tham nhũng tỉnh". */
const STEERING_COMMITTEE = /(?<![a-z])ban chi dao (?:[a-z,-]+ ){1,8}?(?:tinh|thanh pho)(?![a-z])/y;

export class UnitMatcher {
  private readonly byName = new Map<string, string[]>();
  private wordCounts: number[];
  private readonly known = new Map<string, KnownUnit>();
  private readonly catalogue: { entry: CatalogueEntry; regex: RegExp }[];
  private readonly boardsRegex: RegExp;
  /** Units proposed so far, by code. */
  readonly proposed = new Map<string, ProposedUnit>();

  private readonly levelPhrases: LevelPhrase[];

  constructor(
    known: KnownUnit[],
    readonly issuer: Issuer,
    context: LevelContext = { twoTier: false },
  ) {
    this.levelPhrases = levelPhrases(context);
    const place = issuer.place ? foldText(issuer.place) : undefined;
    const otherPlaces = new Set<string>();
    for (const unit of known) {
      const match = /(?:tinh uy|thanh uy|tinh|thanh pho) ([a-z ]+)$/.exec(foldText(unit.name));
      if (match?.[1] && match[1] !== place) otherPlaces.add(match[1]);
    }
    for (const unit of known) {
      const folded = foldText(unit.name);
      // Units of another province (by their full name) do not answer for this plan's bodies.
      if ([...otherPlaces].some((other) => folded.endsWith(` ${other}`) || folded.includes(` ${other} `))) continue;
      this.known.set(unit.code, unit);
      for (const name of new Set([unit.code, unit.name, unit.shortName ?? '', ...unit.names].map(foldText))) {
        if (!name || !isDistinctiveName(name)) continue;
        const list = this.byName.get(name) ?? [];
        if (!list.includes(unit.code)) list.push(unit.code);
        this.byName.set(name, list);
      }
    }
    this.wordCounts = [...new Set([...this.byName.keys()].map((name) => name.split(' ').length))].sort((a, b) => b - a);
    const kindPattern = issuer.kind.replace(/ /g, ' ');
    this.catalogue = CATALOGUE.map((entry) => ({
      entry,
      regex: new RegExp(`(?:${entry.patterns.map((p) => p.replace(/K/g, kindPattern)).join('|')})(?![a-z])`, 'y'),
    }));
    this.boardsRegex = new RegExp(`${PARTY_BOARDS_PHRASE.source.replace(/K/g, kindPattern)}(?![a-z])`, 'y');
  }

  /** The known unit with this code, if any. */
  knownUnit(code: string): KnownUnit | undefined {
    return this.known.get(code);
  }

  isKnown(code: string): boolean {
    return this.known.has(code);
  }

  /** Every unit mention in a text, left to right, without overlaps. */
  mentions(text: string): Mention[] {
    const nfc = text.normalize('NFC');
    const folded = foldKeepLength(nfc);
    const found: Mention[] = [];
    let position = 0;
    while (position < folded.length) {
      if (position > 0 && /[a-z0-9]/.test(folded[position - 1] ?? '')) {
        position += 1;
        continue;
      }
      const match = this.matchAt(nfc, folded, position);
      if (match) {
        found.push({ ...match, index: position, text: nfc.slice(position, position + match.length) });
        position += Math.max(1, match.length);
      } else position += 1;
    }
    return found.filter((mention) => mention.refs.length > 0);
  }

  private matchAt(nfc: string, folded: string, position: number): { refs: string[]; length: number } | undefined {
    const party = this.issuer.branch === 'party';
    // "các Ban Đảng Tỉnh ủy".
    this.boardsRegex.lastIndex = position;
    const boards = party ? this.boardsRegex.exec(folded) : null;
    if (boards) return { refs: PARTY_BOARDS.map((suffix) => this.catalogueCode(suffix)), length: boards[0].length };
    PARTY_GROUPS_PHRASE.lastIndex = position;
    const groups = PARTY_GROUPS_PHRASE.exec(folded);
    // The longest of: a level phrase, a known unit name, a catalogue body (a level phrase wins a tie).
    let best: { refs: string[]; length: number; end: number; source: 'level' | 'known' | 'catalogue' } | undefined;
    const offer = (candidate: NonNullable<typeof best>) => {
      if (!best || candidate.length > best.length) best = candidate;
    };
    for (const [pattern, refs] of this.levelPhrases) {
      pattern.lastIndex = position;
      const match = pattern.exec(folded);
      if (match && match[0].length > 0 && endsWord(folded, position + match[0].length)) {
        offer({ refs, length: match[0].length, end: position + match[0].length, source: 'level' });
      }
    }
    if (groups && party)
      offer({ refs: this.partyGroups(), length: groups[0].length, end: position + groups[0].length, source: 'level' });
    const words = wordsFrom(folded, position, Math.max(0, ...this.wordCounts));
    for (const count of this.wordCounts) {
      if (words.length < count) continue;
      const phrase = words
        .slice(0, count)
        .map((word) => word.text)
        .join(' ');
      const codes = this.byName.get(phrase);
      const last = words[count - 1];
      if (!codes || !last) continue;
      if (count === 1 && phrase.length <= 5 && !writtenInCapitals(nfc.slice(position, last.end))) continue;
      offer({ refs: codes, length: last.end - position, end: last.end, source: 'known' });
      break;
    }
    if (party && (!best || best.source === 'level')) {
      for (const { entry, regex } of this.catalogue) {
        regex.lastIndex = position;
        const match = regex.exec(folded);
        if (match)
          offer({
            refs: [entry.suffix],
            length: match[0].length,
            end: position + match[0].length,
            source: 'catalogue',
          });
      }
    }
    const self = this.selfMention(folded, position);
    if (self && (!best || self.length >= best.length))
      return this.qualify(folded, position + self.length, [self.code], self.length);
    const body = governmentBodyAt(folded, nfc, position, this.issuer.branch);
    if (body && (!best || body.length > best.length)) {
      const code = this.proposeBody(body, nfc.slice(position, position + body.length));
      return this.qualify(folded, position + body.length, [code], body.length);
    }
    const chosen = best as typeof best;
    if (chosen) {
      if (chosen.source === 'level') return { refs: chosen.refs, length: chosen.length };
      const refs =
        chosen.source === 'catalogue' ? chosen.refs.map((suffix) => this.catalogueCode(suffix)) : chosen.refs;
      return this.qualify(folded, chosen.end, refs, chosen.length);
    }
    STEERING_COMMITTEE.lastIndex = position;
    const steering = STEERING_COMMITTEE.exec(folded);
    if (steering) {
      const name = capitaliseFirst(nfc.slice(position, position + steering[0].length));
      return {
        refs: [this.propose(name, 'province', true, 'named in the plan, not among the known units')],
        length: steering[0].length,
      };
    }
    OTHER_GROUPS.lastIndex = position;
    const other = OTHER_GROUPS.exec(folded);
    if (other && endsWord(folded, position + other[0].length))
      return { refs: [`${OTHER_PREFIX}${nfc.slice(position, position + other[0].length)}`], length: other[0].length };
    return undefined;
  }

  /** The issuer named by its own words ("Tỉnh ủy", "Ủy ban nhân dân tỉnh", "UBND Thành phố"). */
  private selfMention(folded: string, position: number): { code: string; length: number } | undefined {
    for (const name of this.issuer.selfNames) {
      const regex = new RegExp(`${name}(?![a-z])(?! (?:vien|va tuong duong))`, 'y');
      regex.lastIndex = position;
      const match = regex.exec(folded);
      if (match) return { code: this.issuerCode(), length: match[0].length };
    }
    return undefined;
  }

  /** A government body: the known unit of that name, else a proposed one coded from the issuer's prefix. */
  private proposeBody(body: BodyMatch, written: string): string {
    for (const name of [body.name, ...body.aliases, written]) {
      const codes = this.byName.get(foldText(name));
      if (codes?.[0]) return codes[0];
    }
    const existing = [...this.proposed.values()].find((unit) => foldText(unit.name) === foldText(body.name));
    if (existing) {
      for (const alias of [...body.aliases, written])
        if (
          foldText(alias) !== foldText(existing.name) &&
          !existing.aliases.some((a) => foldText(a) === foldText(alias))
        )
          existing.aliases.push(alias);
      return existing.code;
    }
    const base = `${this.issuer.prefix}-${body.abbreviation}`;
    let code = base;
    for (let n = 2; this.known.has(code) || this.proposed.has(code); n += 1) code = `${base}-${n}`;
    const aliases = [...new Set([...body.aliases, written].filter((alias) => foldText(alias) !== foldText(body.name)))];
    this.proposed.set(code, {
      code,
      name: body.name,
      level: body.level,
      parent: this.issuerCode(),
      aliases,
      reason: 'named in the plan, not among the known units',
    });
    this.remember(foldText(body.name), code);
    return code;
  }

  /** A proposed unit's name is found again by later mentions. */
  private remember(folded: string, code: string): void {
    this.byName.set(folded, [code]);
    const count = folded.split(' ').length;
    if (!this.wordCounts.includes(count)) this.wordCounts = [...this.wordCounts, count].sort((a, b) => b - a);
  }

  /** Proposes a unit named by a section heading ("1. Ban Quản lý các khu công nghệ cao và khu công nghiệp"). */
  proposeHeading(name: string): string {
    const folded = foldText(name);
    const known = this.byName.get(folded)?.[0];
    if (known) return known;
    if (this.issuer.branch === 'party')
      return this.propose(name, 'province', true, 'a section heading names it; not among the known units');
    return this.proposeBody(
      {
        name,
        aliases: [],
        abbreviation:
          folded
            .split(/[^a-z0-9]+/)
            .filter((w) => w && !['va', 'cac', 'cua'].includes(w))
            .map((w) => (w[0] ?? '').toUpperCase())
            .join('')
            .slice(0, 10) || 'DV',
        level: 'department',
        length: name.length,
      },
      name,
    );
  }

  /** The party groups: the known ones (names starting "Đảng đoàn", "Ban Cán sự Đảng"), else the catalogue's. */
  private partyGroups(): string[] {
    const known = [...this.known.values()]
      .filter((unit) => unit.level === 'province' && /^(?:dang doan|ban can su dang) /.test(foldText(unit.name)))
      .map((unit) => unit.code);
    return known.length > 0 ? known : PARTY_GROUP_CATALOGUE.map((suffix) => this.catalogueCode(suffix));
  }

  /** A provincial body followed by "các cấp" means every level; by "cấp huyện", "Trung ương"... another body. */
  private qualify(
    folded: string,
    end: number,
    codes: string[],
    length: number,
  ): { refs: string[]; length: number } | undefined {
    const after = folded.slice(end, end + 30);
    if (ALL_LEVELS_AFTER.test(after))
      return { refs: [...codes, DISTRICT, GRASSROOTS], length: length + (/^ (\S+ \S+)/.exec(after)?.[0].length ?? 0) };
    if (OTHER_LEVEL_AFTER.test(after)) return { refs: [], length };
    return { refs: codes, length };
  }

  issuerCode(): string {
    const known = [...this.known.values()].find((unit) => foldText(unit.name) === foldText(this.issuer.name));
    if (known) return known.code;
    if (!this.known.has(this.issuer.code)) {
      if (!this.proposed.has(this.issuer.code)) {
        this.proposed.set(this.issuer.code, {
          code: this.issuer.code,
          name: this.issuer.name,
          ...(this.issuer.branch === 'party'
            ? {
                shortName: capitaliseFirst(
                  this.issuer.kind
                    .replace('uy', 'ủy')
                    .replace('tinh', 'tỉnh')
                    .replace('huyen', 'huyện')
                    .replace('thanh', 'thành')
                    .replace('dang', 'đảng'),
                ),
              }
            : {}),
          level: this.issuer.level,
          aliases: [],
          reason: 'the issuer of the plan',
        });
      }
    }
    return this.issuer.code;
  }

  /** The code of a catalogue body: a known unit with that name, or a proposed one. */
  catalogueCode(suffix: string): string {
    const entry = CATALOGUE.find((item) => item.suffix === suffix);
    const code = `${this.issuer.code}-${suffix}`;
    if (!entry) return code;
    const kindWords = this.issuer.name.split(/\s+/).slice(0, 2).join(' ');
    const fullName = /^(?:DD|BCSD)-/.test(suffix)
      ? `${entry.name} ${this.issuer.kind === 'huyen uy' ? 'huyện' : 'tỉnh'}${this.issuer.place ? ` ${this.issuer.place}` : ''}`
      : `${entry.name} ${kindWords}${this.issuer.place ? ` ${this.issuer.place}` : ''}`;
    const byName = this.byName.get(foldText(fullName)) ?? this.byName.get(foldText(`${entry.name} ${kindWords}`));
    if (byName?.[0]) return byName[0];
    if (this.known.has(code)) return code;
    if (!this.proposed.has(code)) {
      const issuer = this.issuerCode();
      this.proposed.set(code, {
        code,
        name: fullName,
        shortName: entry.shortName,
        level: this.issuer.level,
        parent: issuer,
        aliases: [`${entry.name} ${kindWords}`, ...entry.aliases].filter(
          (alias) => foldText(alias) !== foldText(fullName),
        ),
        reason: 'a standard body of the issuer, not among the known units',
      });
    }
    return code;
  }

  /** Proposes a new unit for a name the known units lack; returns its code. */
  propose(name: string, level: UnitLevel, state: boolean, reason: string): string {
    const folded = foldText(name);
    const existing =
      this.byName.get(folded)?.[0] ?? [...this.proposed.values()].find((unit) => foldText(unit.name) === folded)?.code;
    if (existing) return existing;
    const initials = folded
      .replace(/\b(?:tinh|thanh pho|huyen)\b/g, ' ')
      .split(/[^a-z0-9]+/)
      .filter((word) => word && !['va', 'cua', 'cac'].includes(word))
      .map((word) => word[0]?.toUpperCase() ?? '')
      .join('')
      .slice(0, 10);
    const base = `${state ? this.issuer.prefix : this.issuer.code}-${initials || 'DV'}`;
    let code = base;
    for (let n = 2; this.known.has(code) || this.proposed.has(code); n += 1) code = `${base}-${n}`;
    const parent = this.issuerCode();
    this.proposed.set(code, { code, name, level, parent, aliases: [], reason });
    this.remember(folded, code);
    return code;
  }
}

/** One- and two-letter names and everyday words ("tổ chức", "thường trực", "kiểm tra") are not unit names alone. */
function isDistinctiveName(folded: string): boolean {
  const words = folded.split(' ');
  if (words.length >= 3) return true;
  if (words.length === 1) return folded.length >= 2;
  return (
    /\b(?:ban|uy|dang|so|hoi|doan|mat tran|van phong|dai|bao|cong an|quan su|bien phong|khoi|ubnd|hdnd|mttq|tinh|huyen|thanh pho|phuong|xa)\b/.test(
      folded,
    ) && !/^(?:to chuc|kiem tra|thuong truc|tuyen giao|dan van)$/.test(folded)
  );
}

function wordsFrom(folded: string, position: number, max: number): { text: string; end: number }[] {
  const words: { text: string; end: number }[] = [];
  const regex = /([a-z0-9]+(?:[.-][a-z0-9]+)*)|([^a-z0-9\s]+)/y;
  let index = position;
  while (words.length < max && index < folded.length) {
    while (folded[index] === ' ') index += 1;
    regex.lastIndex = index;
    const match = regex.exec(folded);
    if (!match) break;
    if (match[2] !== undefined) break; // punctuation ends a name
    words.push({ text: match[1] ?? '', end: index + match[0].length });
    index += match[0].length;
  }
  return words;
}

function endsWord(folded: string, end: number): boolean {
  return !/[a-z0-9]/.test(folded[end] ?? '');
}

function writtenInCapitals(original: string): boolean {
  return original === original.toUpperCase() && /\p{Lu}/u.test(original);
}

export function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Lead and support in a sentence.

/** Words that start the predicate: the units before the first of them are the sentence's subject. */
const PREDICATE =
  /(?<![a-z])(?:chu tri|chi dao|to chuc|thuc hien|tien hanh|huong dan|tham muu|xay dung|phoi hop|chiu trach nhiem|co trach nhiem|can cu|truc tiep|tap trung|nghiem tuc|kiem diem|ra soat|bao cao|chuan bi|phan cong|lap|gop y|theo doi|de xuat|nghien cuu|tang cuong|lanh dao|quan triet|trien khai|ban hanh|kiem tra|giam sat|cu the hoa|giup|xem xet|dam bao|bo tri|tiep tuc|tich cuc|thuong xuyen|can|phai|duoc|se|chon|chu dong|khan truong|co|la|lam|quan tam|day manh|doi moi|nang cao|cung|thong nhat|dua|tong hop|tap hop|lay|danh gia|giai quyet|phat huy|ra|phu trach|ket hop|gan|ho tro|tuyen truyen|van dong|khuyen khich|phat trien|thu hut|bao dam|cap nhat|ung dung|quan ly|tiep nhan|trinh|huy dong|dieu chinh|thuc thi|phan bo|bo sung|hoan thien|cai thien|day nhanh|rut ngan|xu ly|cung cap|tiep tuc|trien khai)(?![a-z])/g;
const SUPPORT_START =
  /(?<![a-z])(?:phoi hop(?: chat che)?(?: voi| cung)?|cung voi|chu tri,? chi dao|giup viec cho|tham gia cung)(?![a-z])/g;
/** "giao (cho) X", "đề nghị X", "yêu cầu X": the units after the word are given the work. */
const GIAO = /(?<![a-z])(?:(?<!tuyen )giao(?: cho)?|de nghi|(?<!theo )yeu cau)(?![a-z])/g;
const LEAD_MARK = /^[\s,]*(?:chu tri|la co quan chu tri|lam dau moi|chiu trach nhiem chinh)(?![a-z])/;
/** A sentence opening with a clause ("Trên cơ sở ..., ", "Căn cứ ..., ") has its subject after the comma. */
const OPENING_CLAUSE =
  /^(?:tren co so|can cu|theo|sau khi|truoc khi|de|nham|qua|thong qua|trong qua trinh|dong thoi)\b[^,:]*[,:]\s*/;
const SUBJECT_PREFIX =
  /^(?:o\s|doi voi\s|cac dong chi\s|dong chi\s|cac\s|thu truong (?:cac )?|nguoi dung dau (?:cac )?|lanh dao (?:cac )?)/;

export interface Roles {
  lead: string[];
  support: string[];
  /** How the lead was found: "chủ trì", "giao", the subject, or nothing. */
  how?: 'chu-tri' | 'giao' | 'subject';
}

export function findRoles(sentence: string, matcher: UnitMatcher): Roles {
  const nfc = sentence.normalize('NFC');
  const folded = foldKeepLength(nfc);
  const mentions = matcher.mentions(nfc);
  const inMention = (index: number) => mentions.some((m) => index >= m.index && index < m.index + m.length);
  const lead: string[] = [];
  const support: string[] = [];
  let how: Roles['how'];
  const add = (list: string[], refs: string[]) => {
    for (const ref of refs) if (!list.includes(ref)) list.push(ref);
  };
  const nextPredicate = (from: number) => {
    PREDICATE.lastIndex = from;
    for (let match = PREDICATE.exec(folded); match; match = PREDICATE.exec(folded)) {
      if (!inMention(match.index)) return match.index;
    }
    return folded.length;
  };
  const clauseEnd = (from: number) => {
    const stop = /[.;:]|\s-\s/g;
    stop.lastIndex = from;
    return stop.exec(folded)?.index ?? folded.length;
  };

  // Support: the units after "phối hợp với", up to the next verb or the end of the clause.
  const supportZones: [number, number][] = [];
  for (const match of folded.matchAll(SUPPORT_START)) {
    if (inMention(match.index)) continue;
    const from = match.index + match[0].length;
    const to = Math.min(nextPredicate(from), clauseEnd(from));
    supportZones.push([from, to]);
  }
  const inSupport = (m: Mention) => supportZones.some(([from, to]) => m.index >= from && m.index < to);

  // "X chủ trì".
  for (const mention of mentions) {
    if (LEAD_MARK.test(folded.slice(mention.index + mention.length))) {
      add(lead, mention.refs);
      how = 'chu-tri';
      // Units listed right before it with "," or "và" lead with it.
      for (const other of mentions) {
        if (
          other.index < mention.index &&
          /^(?:\s*(?:,|va|cac)\s*)*$/.test(folded.slice(other.index + other.length, mention.index))
        )
          add(lead, other.refs);
      }
    }
  }
  // "giao (cho) X ...".
  if (lead.length === 0) {
    for (const match of folded.matchAll(GIAO)) {
      if (inMention(match.index)) continue;
      const from = match.index + match[0].length;
      const to = Math.min(nextPredicate(from), clauseEnd(from));
      const given = mentions.filter((m) => m.index >= from && m.index < to && !inSupport(m));
      // The units come right after the word ("giao Sở …", "đề nghị các sở …"); "yêu cầu thực tiễn của X" gives nothing.
      if (given.length > 0 && (given[0]?.index ?? 0) - from <= 12) {
        for (const m of given) add(lead, m.refs);
        how = 'giao';
        break;
      }
    }
  }
  // The subject: units before the first verb.
  if (lead.length === 0) {
    let start = 0;
    const opening = OPENING_CLAUSE.exec(folded);
    if (opening) start = opening[0].length;
    const rest = folded.slice(start);
    const prefix = SUBJECT_PREFIX.exec(rest);
    if (prefix) start += prefix[0].length;
    const verb = nextPredicate(start);
    const subject = mentions.filter((m) => m.index + m.length > start && m.index < verb && !inSupport(m));
    // The subject must open the sentence (up to a few words: "Các đồng chí Ủy viên ...").
    const first = subject[0];
    // A group outside the unit tree leads only as the sentence's very subject ("Doanh nghiệp viễn thông bảo đảm …"),
    // not as the object of its first verb ("thúc đẩy doanh nghiệp …").
    const otherOnly = first?.refs.every((ref) => ref.startsWith(OTHER_PREFIX));
    if (first && first.index - start <= (otherOnly ? 4 : 40)) {
      for (const m of subject) add(lead, m.refs);
      how = 'subject';
    }
  }
  // "Kiểm điểm ... ở chi bộ: Tập thể chi ủy kiểm điểm ...": a short label, then the sentence with its subject.
  const colon = folded.indexOf(': ');
  if (
    lead.length === 0 &&
    colon > 0 &&
    colon < 120 &&
    !/(?:thanh phan|gom|nhu|sau|la|doi tuong)\s*$/.test(folded.slice(0, colon))
  ) {
    const after = findRoles(nfc.slice(colon + 2), matcher);
    if (after.lead.length > 0 && after.how === 'subject') {
      add(lead, after.lead);
      how = 'subject';
    }
  }
  for (const mention of mentions)
    if (inSupport(mention))
      add(
        support,
        mention.refs.filter((ref) => !lead.includes(ref)),
      );
  return { lead, support, ...(how ? { how } : {}) };
}
