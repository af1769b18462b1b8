// Questions: any free text goes to the Ask service; the listed duties become choices that open their details.
import { MAX_QUESTION_LENGTH } from '../src/ask/parse.js';
import { MAX_LINES } from '../src/ask/reply.js';
import type { Answer } from '../src/ask/service.js';
import { encodeAction } from '../src/chat/payload.js';
import type { Choice } from '../src/chat/types.js';
import type { OfficialContext } from './context.js';

export async function askQuestion(ctx: OfficialContext, question: string): Promise<void> {
  const { t } = ctx;
  if (question.length > MAX_QUESTION_LENGTH) {
    ctx.reply({ text: [t('question-too-long', { max: MAX_QUESTION_LENGTH, length: question.length })] });
    return;
  }
  const { official } = ctx.identity;
  const answer = await ctx.deps.ask.answer(
    question,
    { unitId: official.unit.id, locale: official.locale, numbered: true, admin: official.role === 'admin' },
    ctx.today,
  );
  replyWithAnswer(ctx, answer);
}

/** Shortcut commands ask the question an official would type, in their language. */
const SHORTCUT_QUESTIONS = {
  thangnay: { vi: 'việc gì đến hạn tháng này?', en: 'what is due this month?' },
  tuannay: { vi: 'việc gì đến hạn tuần này?', en: 'what is due this week?' },
  quahan: { vi: 'việc gì quá hạn?', en: 'what is overdue?' },
  donvi: { vi: 'đơn vị tôi cần làm gì?', en: 'what does my unit have to do?' },
} as const;
export type Shortcut = keyof typeof SHORTCUT_QUESTIONS;

/** `/thangnay`, `/tuannay`, `/quahan`, `/donvi [unit]`: a question without typing it. */
export async function shortcut(ctx: OfficialContext, name: Shortcut, args: string): Promise<void> {
  const language = ctx.identity.official.locale;
  if (name === 'donvi' && args.trim()) {
    const question = language === 'en' ? `what does ${args.trim()} have to do?` : `${args.trim()} cần làm gì?`;
    return askQuestion(ctx, question);
  }
  return askQuestion(ctx, SHORTCUT_QUESTIONS[name][language]);
}

function replyWithAnswer(ctx: OfficialContext, answer: Answer): void {
  const choices: Choice[] = answer.duties.slice(0, MAX_LINES).map((duty, index) => ({
    label: String(index + 1),
    payload: encodeAction(
      duty.occurrenceId
        ? { kind: 'open-occurrence', occurrenceId: duty.occurrenceId }
        : { kind: 'open-duty', dutyId: duty.dutyId },
    ),
  }));
  const t = ctx.deps.translations[answer.language];
  ctx.reply({
    text: [answer.answer],
    ...(choices.length > 0 ? { choices, columns: 5, choicesListed: true, choiceHint: t('choice-hint-details') } : {}),
  });
}
