// The command table: every chat command with its Vietnamese and English names and who may use it.
import type { Language } from '../domain/language.js';

export interface CommandSpec {
  readonly id: string;
  names: Record<Language, string>;
  /** Only admins may run it: checked on every call, not only when menus are drawn. */
  admin?: boolean;
  /** Works before registration (/start, /help). */
  open?: boolean;
  /** Listed in the platform's command menu (Telegram setMyCommands). */
  menu: boolean;
}

const COMMAND_TABLE = [
  { id: 'start', names: { vi: 'start', en: 'start' }, open: true, menu: true },
  { id: 'thangnay', names: { vi: 'thangnay', en: 'month' }, menu: true },
  { id: 'tuannay', names: { vi: 'tuannay', en: 'week' }, menu: true },
  { id: 'quahan', names: { vi: 'quahan', en: 'overdue' }, menu: true },
  { id: 'donvi', names: { vi: 'donvi', en: 'unit' }, menu: true },
  { id: 'baocao', names: { vi: 'baocao', en: 'report' }, menu: true },
  { id: 'caidat', names: { vi: 'caidat', en: 'settings' }, menu: true },
  { id: 'lienket', names: { vi: 'lienket', en: 'link' }, menu: true },
  { id: 'huy', names: { vi: 'huy', en: 'cancel' }, menu: false },
  { id: 'trogiup', names: { vi: 'trogiup', en: 'help' }, open: true, menu: true },
  { id: 'moi', names: { vi: 'moi', en: 'invite' }, admin: true, menu: false },
  { id: 'nhacviec', names: { vi: 'nhacviec', en: 'reminders' }, admin: true, menu: false },
  { id: 'thongbao', names: { vi: 'thongbao', en: 'notice' }, admin: true, menu: false },
  { id: 'tinhhinh', names: { vi: 'tinhhinh', en: 'status' }, admin: true, menu: false },
  { id: 'canbo', names: { vi: 'canbo', en: 'officials' }, admin: true, menu: false },
  { id: 'khoa', names: { vi: 'khoa', en: 'block' }, admin: true, menu: false },
  { id: 'mokhoa', names: { vi: 'mokhoa', en: 'unblock' }, admin: true, menu: false },
  { id: 'quyen', names: { vi: 'quyen', en: 'role' }, admin: true, menu: false },
  { id: 'quantri', names: { vi: 'quantri', en: 'web' }, admin: true, menu: false },
  { id: 'xacnhan', names: { vi: 'xacnhan', en: 'confirm' }, admin: true, menu: false },
  { id: 'giahan', names: { vi: 'giahan', en: 'extend' }, menu: false },
  { id: 'lich', names: { vi: 'lich', en: 'calendar' }, menu: true },
  { id: 'nhom', names: { vi: 'nhom', en: 'group' }, admin: true, menu: false },
] as const satisfies readonly CommandSpec[];

/** Every command's id: a handler table keyed by it must name them all (see handlers/conversation.ts). */
export type CommandId = (typeof COMMAND_TABLE)[number]['id'];
/** The commands that work before registration. */
export type OpenCommandId = Extract<(typeof COMMAND_TABLE)[number], { open: true }>['id'];
/** Commands as the rest of the code reads them: the table's entries, with every optional flag visible. */
export type Command = CommandSpec & { readonly id: CommandId };

export const COMMANDS: readonly Command[] = COMMAND_TABLE;
const BY_NAME = new Map<string, Command>(
  COMMANDS.flatMap((command) => [[command.names.vi, command] as const, [command.names.en, command] as const]),
);

/**
 * "/baocao", "/report@dondoc_bot args" → the command and its arguments; undefined for text that is not
 * a command. `name` is returned for unknown commands so the reply can name them.
 */
export function parseCommand(text: string): { name: string; command: Command | undefined; args: string } | undefined {
  const match = text.trim().match(/^\/([A-Za-z0-9_]{1,64})(?:@[A-Za-z0-9_]{1,64})?(?:\s+([\s\S]*))?$/);
  if (!match) return undefined;
  const name = (match[1] ?? '').toLowerCase();
  return { name, command: BY_NAME.get(name), args: (match[2] ?? '').trim() };
}

export function commandById(id: string): Command | undefined {
  return COMMANDS.find((command) => command.id === id);
}

export function isOpenCommand(command: Command): command is Command & { id: OpenCommandId } {
  return command.open === true;
}
