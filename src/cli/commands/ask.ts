// `dondoc ask "<question>"`: the same answer a chat user gets, for a terminal or a script.
import type { Command } from 'commander';
import type { Answer } from '../../ask/service.js';
import { localDateAt } from '../../domain/dates.js';
import { dateOption, languageOption } from '../options.js';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerAskCommand(program: Command, io: CliIO, runtime: CliRuntime): void {
  program
    .command('ask')
    .description('answer a question about duties and deadlines, in Vietnamese or English')
    .argument('<question...>', 'the question, e.g. "việc gì đến hạn tháng 9/2012?"')
    .option('--as-of <date>', 'answer as on this day (YYYY-MM-DD); default today')
    .option('--unit <code>', 'the asker\'s unit, for questions about "my" duties')
    .option('--lang <language>', 'reply language: vi or en (default: the language of the question)')
    .option('--json', 'print the structured answer as JSON')
    .action(async (words: string[], options: { asOf?: string; unit?: string; lang?: string; json?: boolean }) => {
      const { createAskService } = await import('../../ask/service.js');
      const { findUnitByCode } = await import('../../db/units.js');
      const { loadTranslations } = await import('../../i18n.js');
      const question = words.join(' ');
      const asOf =
        options.asOf !== undefined
          ? dateOption('--as-of', options.asOf)
          : localDateAt(runtime.now(), runtime.config.defaultTimeZone);
      const lang = options.lang !== undefined ? languageOption('--lang', options.lang) : undefined;
      const translations = await loadTranslations();
      const answer = await runtime.withDatabase(async ({ prisma }) => {
        let unitId: number | undefined;
        if (options.unit) {
          const unit = await findUnitByCode(prisma, options.unit);
          if (!unit) throw new CliError(`No unit with code "${options.unit}". See: dondoc units`);
          unitId = unit.id;
        }
        const service = createAskService({ prisma, translations });
        return service.answer(
          question,
          {
            ...(unitId !== undefined ? { unitId } : {}),
            ...(lang ? { locale: lang } : {}),
            // Whoever runs the CLI operates the bot: the admins' follow-up questions are theirs to ask.
            admin: true,
          },
          asOf,
        );
      });
      if (options.json) printJson(io, toJson(answer));
      else io.stdout(`${answer.answer}\n`);
    });
}

/** The documented JSON shape of an answer, nothing more. */
export function toJson(answer: Answer) {
  return {
    question: answer.question,
    intent: answer.intent,
    range: answer.range ? { from: answer.range.from, to: answer.range.to } : null,
    unit: answer.unit,
    duties: answer.duties.map((duty) => ({
      key: duty.key,
      title: duty.title,
      windowStart: duty.windowStart,
      windowEnd: duty.windowEnd,
      lead: duty.lead,
      coordinate: duty.coordinate,
      ref: duty.ref,
    })),
    answer: answer.answer,
  };
}
