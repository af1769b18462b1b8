// The main menu: the shortcuts an official uses most, as choices under a greeting.
import type { Translate } from '../src/i18n.js';
import { encodeAction } from './payload.js';
import type { Reply } from './types.js';

export function menuChoices(t: Translate): Pick<Reply, 'choices' | 'columns' | 'choiceHint'> {
  const item = (name: string) => ({ label: t(`menu-${name}`), payload: encodeAction({ kind: 'command', name }) });
  return {
    choices: [item('thangnay'), item('tuannay'), item('quahan'), item('baocao'), item('donvi'), item('caidat')],
    columns: 2,
    choiceHint: t('choice-hint'),
  };
}
