// handlers/commands.ts: parsing "/command@bot args" and the command table's names (distinct, valid for Telegram setMyCommands).
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandById, parseCommand } from '../../src/chat/commands.js';

/** What Telegram's setMyCommands accepts as a command name. */
const TELEGRAM_COMMAND = /^[a-z0-9_]{1,32}$/;

describe('handlers/commands', () => {
  describe('parseCommand', () => {
    it('finds a Vietnamese command without arguments', () => {
      expect(parseCommand('/baocao')).toEqual({ name: 'baocao', command: commandById('baocao'), args: '' });
    });

    it('lower-cases the name, so /REPORT is the English name of baocao', () => {
      const parsed = parseCommand('/REPORT');
      expect(parsed?.name).toBe('report');
      expect(parsed?.command?.id).toBe('baocao');
    });

    it('drops the @bot suffix and keeps the arguments', () => {
      expect(parseCommand('/report@dondoc_bot args here')).toEqual({
        name: 'report',
        command: commandById('baocao'),
        args: 'args here',
      });
      expect(parseCommand('/start@dondoc_bot')?.args).toBe('');
    });

    it('keeps every argument word of /moi', () => {
      const parsed = parseCommand('/moi TU-BTG admin 5 7d');
      expect(parsed?.command?.id).toBe('moi');
      expect(parsed?.args).toBe('TU-BTG admin 5 7d');
    });

    it('keeps multi-line arguments and trims around them', () => {
      expect(parseCommand('  /donvi Ban Tuyên giáo\nTỉnh ủy  \n')).toEqual({
        name: 'donvi',
        command: commandById('donvi'),
        args: 'Ban Tuyên giáo\nTỉnh ủy',
      });
      expect(parseCommand('/moi\nTU-BTG\n5')?.args).toBe('TU-BTG\n5');
    });

    it('passes a deep-link code through /start', () => {
      expect(parseCommand('/start K7M2Q9XP')).toMatchObject({ name: 'start', args: 'K7M2Q9XP' });
      expect(parseCommand('/start K7M2Q9XP')?.command?.id).toBe('start');
    });

    it.each([
      'hello',
      'việc gì đến hạn tháng này?',
      '/ x',
      '/',
      'a/b',
      ' a /baocao',
      '/baocao/extra',
      '/baocao@',
      '//baocao',
      '/báocáo',
      '',
    ])('is undefined for text that is not a command: %j', (text) => {
      expect(parseCommand(text)).toBeUndefined();
    });

    it('returns the name of an unknown command with no command', () => {
      expect(parseCommand('/xyz')).toEqual({ name: 'xyz', command: undefined, args: '' });
      expect(parseCommand('/Nope@dondoc_bot 1 2')).toEqual({ name: 'nope', command: undefined, args: '1 2' });
    });

    it.each(
      COMMANDS.flatMap((command) => [command.names.vi, command.names.en].map((name) => [name, command.id] as const)),
    )('finds /%s as command %s', (name, id) => {
      expect(parseCommand(`/${name}`)?.command?.id).toBe(id);
    });
  });

  describe('COMMANDS', () => {
    it('has distinct ids, each found by commandById', () => {
      const ids = COMMANDS.map((command) => command.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(commandById(id)?.id).toBe(id);
      expect(commandById('nope')).toBeUndefined();
    });

    it('gives no two commands the same name in either language', () => {
      const owner = new Map<string, string>();
      for (const command of COMMANDS) {
        for (const name of [command.names.vi, command.names.en]) {
          const previous = owner.get(name);
          if (previous !== undefined && previous !== command.id)
            expect.fail(`/${name} names both ${previous} and ${command.id}`);
          owner.set(name, command.id);
        }
      }
    });

    it.each(COMMANDS.map((command) => [command.id, command.names.vi, command.names.en] as const))(
      'names %s with valid Telegram command names (vi %s, en %s)',
      (_id, vi, en) => {
        expect(vi).toMatch(TELEGRAM_COMMAND);
        expect(en).toMatch(TELEGRAM_COMMAND);
      },
    );

    it('lets anyone start and get help, and only admins run the admin commands', () => {
      expect(
        COMMANDS.filter((command) => command.open)
          .map((command) => command.id)
          .sort(),
      ).toEqual(['start', 'trogiup']);
      expect(COMMANDS.filter((command) => command.admin).map((command) => command.id)).toEqual([
        'moi',
        'nhacviec',
        'thongbao',
        'tinhhinh',
        'canbo',
        'khoa',
        'mokhoa',
        'quyen',
        'quantri',
        'xacnhan',
        'nhom',
      ]);
    });
  });
});
