// The main menu: the shortcuts an official uses most, as choices under a greeting.

import { encodeAction } from '../src/chat/payload.js';
import type { Reply } from '../src/chat/types.js';
import type { Translate } from '../src/i18n.js';

export function menuChoices(t: Translate): Pick<Reply, 'choices' | 'columns' | 'choiceHint'> {
  const item = (name: string) => ({ label: t(`menu-${name}`), payload: encodeAction({ kind: 'command', name }) });
  return {
    choices: [item('thangnay'), item('tuannay'), item('quahan'), item('baocao'), item('donvi'), item('caidat')],
    columns: 2,
    choiceHint: t('choice-hint'),
  };
}
