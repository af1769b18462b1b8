// Help: what the bot does and the commands, in the reader's language (admins also see theirs).

import { COMMANDS } from '../src/chat/commands.js';
import { bold } from '../src/chat/rich.js';
import type { ChatContext } from './context.js';

export function showHelp(ctx: ChatContext): void {
  const { t, identity, language } = ctx;
  if (!identity) {
    ctx.reply({ text: [bold(t('start-title')), '\n', t('start-intro'), '\n\n', t('start-need-code')] });
    return;
  }
  const { role } = identity.official;
  // A leader also sees the one admin command it may use: the reporting picture (reading only).
  const lines = COMMANDS.filter(
    (command) => !command.admin || role === 'admin' || (role === 'leader' && command.id === 'tinhhinh'),
  ).map((command) => `/${command.names[language]} — ${t(`cmd-${command.id}`)}`);
  ctx.reply({ text: [t('help-intro'), '\n\n', lines.join('\n'), '\n\n', t('examples')] });
}
