// The Ask service: one question, one asker, one day → the structured answer and its reply text.

import type { PrismaClient } from '../db/database.js';
import {
  activeDuties,
  type DutyResponsibility,
  dutyIdsForUnit,
  dutyResponsibilities,
  findDutiesByWords,
  type Responsible,
} from '../db/duties.js';
import { listLevels } from '../db/levels.js';
import { currentOrNextOccurrences, listOccurrences, type OccurrenceView } from '../db/occurrences.js';
import { lateCompletions, unitsWithoutReports } from '../db/reporting.js';
import { overdueOccurrences } from '../db/reports.js';
import { loadUnitEntries } from '../db/units.js';
import { addDays, addMonths, dateParts, daysInMonth, type LocalDate, localDate } from '../domain/dates.js';
import type { Language } from '../domain/language.js';
import { responsibleName } from '../domain/responsible.js';
import { foldText } from '../domain/text.js';
import type { Translate, Translations } from '../i18n.js';
import { type ParsedQuestion, parseQuestion } from './parse.js';
import {
  describePeriod,
  helpReply,
  lateReply,
  listReply,
  type ReplyDuty,
  replyLanguage,
  silentUnitsReply,
} from './reply.js';
import { rankDuties, spelledWordsOf, wordsNeeded } from './search.js';
import type { DateRange, Intent } from './types.js';
import { buildUnitIndex, type UnitEntry, type UnitIndex } from './units.js';

export interface Asker {
  /** The asker's own unit, for "my duties"; absent for unregistered or CLI use. */
  unitId?: number;
  locale?: Language;
  /** Number the listed duties (1., 2., …) so a chat can offer them as choices. */
  numbered?: boolean;
  /** Admins (and the CLI) may ask the follow-up questions: who finished late, who has not reported. */
  admin?: boolean;
  /**
   * Answer about the asker's unit only (a unit's work group, read by all its members): its duties whatever the
   * question names, no other unit's duties or whether it reported, no follow-up questions.
   */
  ownUnitOnly?: boolean;
}

export interface AnswerDuty {
  dutyId: number;
  key: string;
  title: string;
  windowStart: LocalDate | null;
  windowEnd: LocalDate | null;
  lead: string[];
  coordinate: string[];
  ref: string;
  /** Present when the duty has a window: what reports and reminders point at. */
  occurrenceId: number | null;
  deadlineInRange: boolean;
  /** Overdue answers: codes of the lead units that have not reported done. */
  missing?: string[];
  /** Display names for the reply ("Ban Tuyên giáo", "các huyện ủy và tương đương"). */
  leadNames: string[];
  coordinateNames: string[];
}

export interface Answer {
  question: string;
  intent: Intent;
  language: Language;
  range: DateRange | null;
  unit: string | null;
  duties: AnswerDuty[];
  answer: string;
}

/** How far "việc gì đến hạn?" looks ahead, and how far back "quá hạn" looks, when no period is named. */
const UPCOMING_DAYS = 30;
const OVERDUE_LOOKBACK_MONTHS = 12;
/** A chat reply shows at most MAX_LINES of them; the count says how many there are in all. */
const MAX_FOLLOW_UP_ROWS = 50;
/** Unit names change rarely; a short cache keeps a question to a few queries. */
const UNIT_CACHE_MS = 30_000;

export interface AskService {
  answer(question: string, asker: Asker, asOf: LocalDate): Promise<Answer>;
}

export function createAskService(options: {
  prisma: PrismaClient;
  translations: Translations;
  now?: () => number;
}): AskService {
  const { prisma, translations } = options;
  const now = options.now ?? Date.now;
  let unitCache: { index: UnitIndex; byId: Map<number, UnitEntry>; loadedAt: number } | undefined;

  async function units() {
    if (!unitCache || now() - unitCache.loadedAt > UNIT_CACHE_MS) {
      const [entries, levels] = await Promise.all([loadUnitEntries(prisma), listLevels(prisma)]);
      unitCache = {
        index: buildUnitIndex(entries, levels),
        byId: new Map(entries.map((entry) => [entry.id, entry])),
        loadedAt: now(),
      };
    }
    return unitCache;
  }

  return {
    async answer(question, asker, asOf) {
      const { index, byId } = await units();
      const parsed = parseQuestion(question, asOf, index);
      const language = replyLanguage(parsed.language, asker.locale);
      const t = translations[language];
      const ownUnit = asker.unitId !== undefined ? byId.get(asker.unitId) : undefined;
      if (asker.ownUnitOnly) {
        const base = { question, language, unit: ownUnit?.code ?? null, numbered: asker.numbered ?? false };
        if (!ownUnit) return withoutNumbering(unknown(base, t));
        if (parsed.intent === 'done_late' || parsed.intent === 'not_reported')
          return withoutNumbering(await answerFollowUp(parsed, false, asOf, t, base));
        return withoutNumbering(await answerFor(parsed, ownUnit, asOf, t, base, true));
      }
      const unit = parsed.unit?.unit ?? (parsed.mine ? ownUnit : undefined);
      const base = { question, language, unit: unit?.code ?? null, numbered: asker.numbered ?? false };
      if (parsed.intent === 'done_late' || parsed.intent === 'not_reported')
        return withoutNumbering(await answerFollowUp(parsed, asker.admin === true, asOf, t, base));
      return withoutNumbering(await answerFor(parsed, unit, asOf, t, base));
    },
  };

  async function answerFor(
    parsed: ParsedQuestion,
    unit: UnitEntry | undefined,
    asOf: LocalDate,
    t: Translate,
    base: Base,
    /** `unit` is the only unit answered about (see Asker.ownUnitOnly). */
    only = false,
  ): Promise<Answer> {
    const within = only ? unit : undefined;
    switch (parsed.intent) {
      case 'help':
        return { ...base, intent: 'help', range: null, duties: [], answer: helpReply(t, 'help') };
      case 'overdue':
        return answerOverdue(parsed, unit, asOf, t, base, only);
      case 'duty_when':
        return (await answerWhen(parsed, asOf, t, base, within)) ?? unknown(base, t);
      case 'unit_duties':
        if (!unit) return { ...base, intent: 'unit_duties', range: null, duties: [], answer: t('mine-without-unit') };
        return answerUnit(parsed, unit, asOf, t, base);
      case 'due':
        return answerDue(parsed, asOf, t, base, within);
      default:
        // A question with no recognised shape may still name a duty ("kiểm điểm cấp huyện?").
        return (
          (parsed.terms.length > 0 ? await answerWhen(parsed, asOf, t, base, within) : undefined) ?? unknown(base, t)
        );
    }
  }

  /** "việc nào hoàn thành trễ hạn?", "đơn vị nào chưa báo cáo tháng này?": admins only, others are told so politely. */
  async function answerFollowUp(
    parsed: ParsedQuestion,
    admin: boolean,
    asOf: LocalDate,
    t: Translate,
    base: Base,
  ): Promise<Answer> {
    const intent = parsed.intent;
    if (!admin) return { ...base, intent, range: null, duties: [], answer: t('followup-admins-only') };
    if (intent === 'done_late') {
      const range = parsed.period?.range ?? { from: addMonths(asOf, -OVERDUE_LOOKBACK_MONTHS), to: asOf };
      const period = parsed.period ? describePeriod(range, t) : t('period-recent');
      const late = await lateCompletions(prisma, range, {}, asOf, MAX_FOLLOW_UP_ROWS);
      return { ...base, intent, range, duties: [], answer: lateReply(late.rows, late.total, period, t) };
    }
    // "Chưa báo cáo" is about the current month unless the question names another period.
    const { year, month } = dateParts(asOf);
    const range = parsed.period?.range ?? {
      from: localDate(`${asOf.slice(0, 7)}-01`),
      to: localDate(`${asOf.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}`),
    };
    const silent = await unitsWithoutReports(prisma, range, {}, asOf);
    return { ...base, intent, range, duties: [], answer: silentUnitsReply(silent, describePeriod(range, t), t) };
  }

  function unknown(base: Base, t: Translate): Answer {
    return { ...base, intent: 'unknown', range: null, duties: [], answer: helpReply(t, 'unknown') };
  }

  async function answerDue(
    parsed: ParsedQuestion,
    asOf: LocalDate,
    t: Translate,
    base: Base,
    within?: UnitEntry,
  ): Promise<Answer> {
    const range = parsed.period?.range ?? { from: asOf, to: addDays(asOf, UPCOMING_DAYS) };
    const periodText = parsed.period ? describePeriod(range, t) : t('period-upcoming');
    const occurrences = await listOccurrences(prisma, range, within ? { unit: within } : {});
    const duties = await toAnswerDuties(occurrences, range, parsed.period?.kind === 'deadline', t);
    const header = duties.length
      ? t('due-header', { period: periodText, count: duties.length })
      : t('due-none', { period: periodText });
    return {
      ...base,
      intent: 'due',
      range,
      duties,
      answer: listReply(
        header,
        duties.map((d) => toReply(d)),
        t,
        base.numbered,
      ),
    };
  }

  async function answerUnit(
    parsed: ParsedQuestion,
    unit: UnitEntry,
    asOf: LocalDate,
    t: Translate,
    base: Base,
  ): Promise<Answer> {
    const unitName = unit.shortName ?? unit.name;
    if (parsed.period) {
      const range = parsed.period.range;
      const occurrences = await listOccurrences(prisma, range, { unit });
      const duties = await toAnswerDuties(occurrences, range, parsed.period.kind === 'deadline', t);
      const period = describePeriod(range, t);
      const header = duties.length
        ? t('unit-header', { unit: unitName, period, count: duties.length })
        : t('unit-none', { unit: unitName, period });
      return {
        ...base,
        intent: 'unit_duties',
        range,
        duties,
        answer: listReply(
          header,
          duties.map((d) => toReply(d)),
          t,
          base.numbered,
        ),
      };
    }
    // No period: every duty of the unit with the window that matters today: open and coming ones by
    // deadline, then ongoing duties, then those whose last window has closed, most recent first.
    const dutyIds = await dutyIdsForUnit(prisma, unit);
    const occurrences = await currentOrNextOccurrences(prisma, dutyIds, asOf);
    const withWindow = new Set(occurrences.map((o) => o.dutyId));
    const ongoing = dutyIds.filter((id) => !withWindow.has(id));
    const current = occurrences.filter((o) => o.end >= asOf);
    const closed = occurrences.filter((o) => o.end < asOf).reverse();
    const duties = [
      ...(await toAnswerDuties(current, null, false, t)),
      ...(await ongoingDuties(ongoing, t)),
      ...(await toAnswerDuties(closed, null, false, t)),
    ];
    const header = duties.length
      ? t('unit-header-all', { unit: unitName, count: duties.length })
      : t('unit-none-all', { unit: unitName });
    return {
      ...base,
      intent: 'unit_duties',
      range: null,
      duties,
      answer: listReply(
        header,
        duties.map((d) => toReply(d)),
        t,
        base.numbered,
      ),
    };
  }

  async function answerWhen(
    parsed: ParsedQuestion,
    asOf: LocalDate,
    t: Translate,
    base: Base,
    within?: UnitEntry,
  ): Promise<Answer | undefined> {
    const range = parsed.period?.range;
    const ofUnit = within ? new Set(await dutyIdsForUnit(prisma, within)) : undefined;
    const found = await findDutiesByWords(
      prisma,
      parsed.terms,
      wordsNeeded(parsed.terms.length),
      range ? { range } : {},
    );
    const candidates = ofUnit ? found.filter((duty) => ofUnit.has(duty.id)) : found;
    const ranked = rankDuties(
      parsed.terms,
      candidates.map((duty) => ({
        id: duty.id,
        title: foldText(duty.title),
        text: duty.searchText,
        spelledWords: spelledWordsOf([duty.title, duty.summary, ...duty.aliases]),
      })),
      parsed.spelled,
    );
    if (ranked.length === 0) {
      if (parsed.intent !== 'duty_when') return undefined;
      return {
        ...base,
        intent: 'duty_when',
        range: null,
        duties: [],
        answer: t('when-none', { words: parsed.terms.join(' ') }),
      };
    }
    const ids = ranked.map((duty) => duty.id);
    const occurrences = range
      ? await listOccurrences(prisma, range, { dutyIds: ids })
      : await currentOrNextOccurrences(prisma, ids, asOf);
    const order = new Map(ids.map((id, position) => [id, position]));
    occurrences.sort((a, b) => (order.get(a.dutyId) ?? 0) - (order.get(b.dutyId) ?? 0) || (a.end < b.end ? -1 : 1));
    // Without a period, duties that have no window at all are ongoing ones; with a period every
    // candidate has a window in it.
    const withWindow = new Set(occurrences.map((o) => o.dutyId));
    const ongoing = range ? [] : ids.filter((id) => !withWindow.has(id));
    const duties = [
      ...(await toAnswerDuties(occurrences, range ?? null, false, t)),
      ...(await ongoingDuties(ongoing, t)),
    ];
    return {
      ...base,
      intent: 'duty_when',
      range: range ?? null,
      duties,
      answer: listReply(
        t('when-header'),
        duties.map((d) => toReply(d)),
        t,
        base.numbered,
      ),
    };
  }

  async function answerOverdue(
    parsed: ParsedQuestion,
    unit: UnitEntry | undefined,
    asOf: LocalDate,
    t: Translate,
    base: Base,
    only = false,
  ): Promise<Answer> {
    const range = parsed.period?.range ?? { from: addMonths(asOf, -OVERDUE_LOOKBACK_MONTHS), to: addDays(asOf, -1) };
    const overdue = await overdueOccurrences(prisma, asOf, { since: range.from, ...(unit ? { unit } : {}) });
    // Answering for one unit only: its own overdue windows, and no word of which other units are behind.
    const within = overdue
      .map((item) => (only && unit ? { ...item, missing: item.missing.filter((m) => m.code === unit.code) } : item))
      .filter((item) => item.occurrence.end <= range.to && (!only || item.missing.length > 0));
    const responsibilities = await dutyResponsibilities(
      prisma,
      within.map((item) => item.occurrence.dutyId),
    );
    const duties: AnswerDuty[] = within.map((item) => ({
      ...fromOccurrence(item.occurrence, responsibilities.get(item.occurrence.dutyId), null, false, t),
      missing: item.missing.map((m) => m.code),
    }));
    const missingNames = new Map(
      within.flatMap((item) => item.missing.map((m) => [m.code, m.shortName ?? m.name] as const)),
    );
    const period = ` ${parsed.period ? describePeriod(range, t) : t('period-recent')}`;
    const header = duties.length
      ? t('overdue-header', { period, count: duties.length })
      : t('overdue-none', { period });
    const replies = duties.map((duty) => ({
      ...toReply(duty),
      missing: (duty.missing ?? []).map((code) => missingNames.get(code) ?? code),
    }));
    return { ...base, intent: 'overdue', range, duties, answer: listReply(header, replies, t, base.numbered) };
  }

  async function toAnswerDuties(
    occurrences: OccurrenceView[],
    range: DateRange | null,
    deadlineOnly: boolean,
    t: Translate,
  ): Promise<AnswerDuty[]> {
    const responsibilities = await dutyResponsibilities(
      prisma,
      occurrences.map((o) => o.dutyId),
    );
    const inRange = (o: OccurrenceView) => range !== null && o.end >= range.from && o.end <= range.to;
    return occurrences
      .filter((o) => !deadlineOnly || inRange(o))
      .map((o) => fromOccurrence(o, responsibilities.get(o.dutyId), o.id, inRange(o), t));
  }

  async function ongoingDuties(dutyIds: number[], t: Translate): Promise<AnswerDuty[]> {
    if (dutyIds.length === 0) return [];
    const [duties, responsibilities] = await Promise.all([
      activeDuties(prisma, dutyIds),
      dutyResponsibilities(prisma, dutyIds),
    ]);
    return duties.map((duty) => ({
      dutyId: duty.id,
      key: duty.key,
      title: duty.title,
      ref: duty.ref,
      windowStart: null,
      windowEnd: null,
      occurrenceId: null,
      deadlineInRange: false,
      ...names(responsibilities.get(duty.id), t),
    }));
  }
}

type Base = { question: string; language: Language; unit: string | null; numbered: boolean };

/** The numbering flag shapes the reply text only; the structured answer does not carry it. */
function withoutNumbering(answer: Answer & { numbered?: boolean }): Answer {
  const { numbered: _numbered, ...rest } = answer;
  return rest;
}

function fromOccurrence(
  o: OccurrenceView,
  responsibility: DutyResponsibility | undefined,
  occurrenceId: number | null,
  deadlineInRange: boolean,
  t: Translate,
): AnswerDuty {
  return {
    dutyId: o.dutyId,
    key: o.dutyKey,
    title: o.title,
    ref: o.ref,
    windowStart: o.start,
    windowEnd: o.end,
    occurrenceId: occurrenceId ?? o.id,
    deadlineInRange,
    ...names(responsibility, t),
  };
}

/** Unit codes for the structured answer, display names for the reply text. */
function names(
  responsibility: DutyResponsibility | undefined,
  t: Translate,
): Pick<AnswerDuty, 'lead' | 'coordinate' | 'leadNames' | 'coordinateNames'> {
  const code = (r: Responsible) => (r.kind === 'unit' ? r.code : `level:${r.level}`);
  const name = (r: Responsible) => responsibleName(r, t.language);
  const lead = responsibility?.lead ?? [];
  const support = responsibility?.support ?? [];
  return {
    lead: lead.map(code),
    coordinate: support.map(code),
    leadNames: lead.map(name),
    coordinateNames: support.map(name),
  };
}

function toReply(duty: AnswerDuty): ReplyDuty {
  return { ...duty, lead: duty.leadNames, coordinate: duty.coordinateNames };
}
