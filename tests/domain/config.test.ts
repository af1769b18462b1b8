import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig, describeConfig, environmentWithDotEnv, SETTING_NAMES } from '../../src/config.js';
import { scrubSecrets } from '../../src/logger.js';

describe('createConfig', () => {
  it('defaults to the embedded database in ./data with no tokens', () => {
    const config = createConfig({}, '/srv/dondoc');
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '/srv/dondoc/data' });
    expect(config.defaultTimeZone).toBe('Asia/Ho_Chi_Minh');
    expect(config.http.port).toBe(8080);
    expect(config.logLevel).toBe('info');
    expect(config.telegram).toBeUndefined();
    expect(config.zalo).toBeUndefined();
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, and reads every channel setting', () => {
    const config = createConfig(
      {
        DATABASE_URL: 'postgresql://dondoc:pw@db.internal:5432/dondoc',
        DONDOC_DATA_DIR: 'state',
        TZ_DEFAULT: 'Asia/Bangkok',
        HTTP_PORT: '9000',
        LOG_LEVEL: 'debug',
        TELEGRAM_BOT_TOKEN: '123:abc',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/telegram',
        TELEGRAM_WEBHOOK_SECRET: 'secret-123',
        ZALO_BOT_TOKEN: '456:def',
        ZALO_API_ROOT: 'http://127.0.0.1:8082',
      },
      '/srv',
    );
    expect(config.database).toEqual({
      kind: 'server',
      url: 'postgresql://dondoc:pw@db.internal:5432/dondoc',
      dataDir: path.resolve('/srv/state'),
    });
    expect(config.defaultTimeZone).toBe('Asia/Bangkok');
    expect(config.http.port).toBe(9000);
    expect(config.telegram).toEqual({
      token: '123:abc',
      apiRoot: 'http://127.0.0.1:8081',
      mode: 'webhook',
      webhookUrl: 'https://bot.example.vn/telegram',
      webhookSecret: 'secret-123',
    });
    expect(config.zalo).toMatchObject({ token: '456:def', apiRoot: 'http://127.0.0.1:8082', mode: 'polling' });
  });

  it('treats blank values as unset', () => {
    const config = createConfig({ DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '  ', HTTP_PORT: '' });
    expect(config.database.kind).toBe('embedded');
    expect(config.telegram).toBeUndefined();
    expect(config.http.port).toBe(8080);
  });

  it('lists every bad or missing setting at once', () => {
    let error: unknown;
    try {
      createConfig({
        DATABASE_URL: 'mysql://x',
        TZ_DEFAULT: 'Mars/Olympus',
        HTTP_PORT: '70000',
        LOG_LEVEL: 'loud',
        TELEGRAM_MODE: 'webhook',
        ZALO_MODE: 'push',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'TZ_DEFAULT', 'HTTP_PORT', 'LOG_LEVEL', 'ZALO_MODE'])
      expect(problems).toContain(name);
    expect((error as ConfigError).message).toMatch(/Invalid configuration \(\d+ problems\)/);
  });

  it('requires token, https URL and secret for webhook mode', () => {
    expect(() =>
      createConfig({
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_BOT_TOKEN: '1:a',
        TELEGRAM_WEBHOOK_URL: 'http://x.vn/hook',
        TELEGRAM_WEBHOOK_SECRET: 'short',
      }),
    ).toThrow(
      /TELEGRAM_WEBHOOK_URL: must be an https:\/\/ URL[\s\S]*TELEGRAM_WEBHOOK_SECRET|TELEGRAM_WEBHOOK_SECRET[\s\S]*TELEGRAM_WEBHOOK_URL/,
    );
    expect(() => createConfig({ ZALO_MODE: 'webhook' })).toThrow(/ZALO_BOT_TOKEN: is required/);
  });

  it('lets the real environment win over .env', () => {
    const env = environmentWithDotEnv(
      { HTTP_PORT: '9001' },
      'HTTP_PORT=9002\nLOG_LEVEL=warn\n# comment\nTZ_DEFAULT="Asia/Bangkok"\n',
    );
    const config = createConfig(env);
    expect(config.http.port).toBe(9001);
    expect(config.logLevel).toBe('warn');
    expect(config.defaultTimeZone).toBe('Asia/Bangkok');
  });

  it('never describes tokens or passwords', () => {
    const config = createConfig({ DATABASE_URL: 'postgres://u:hunter2@h/db', TELEGRAM_BOT_TOKEN: '123:SECRETTOKEN' });
    const text = JSON.stringify(describeConfig(config));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('SECRETTOKEN');
  });
});

describe('.env.example', () => {
  it('documents every setting, each with a comment, and parses as it is', () => {
    const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const example = parseEnv(text);
    expect(Object.keys(example).sort()).toEqual([...SETTING_NAMES].sort());
    expect(() => createConfig(example)).not.toThrow();
    const lines = text.split('\n');
    for (const name of SETTING_NAMES)
      expect(lines[lines.findIndex((l) => l.startsWith(`${name}=`)) - 1], name).toMatch(/^#/);
  });
});

describe('scrubSecrets', () => {
  it('removes bot tokens in URLs, database passwords and named secrets', () => {
    expect(scrubSecrets('GET https://api.telegram.org/bot123456:AAE-x_y/getMe failed')).toBe(
      'GET https://api.telegram.org/bot<redacted>/getMe failed',
    );
    expect(scrubSecrets('postgresql://dondoc:pa55@db/x')).toBe('postgresql://dondoc:***@db/x');
    expect(scrubSecrets('token is 999:zalo-secret-xyz', ['999:zalo-secret-xyz'])).toBe('token is <redacted>');
  });
});
