import { join } from 'node:path';
import { isValidSender } from '@confidant/api/mail';
import { ConfigError, defaultSender, loadConfig } from './app-config';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/portal');
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('starts with safe defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/portal');

    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe('/srv/portal/data');
    expect(config.databasePath).toBe(join('/srv/portal/data', 'confidant.sqlite'));
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.isHttps).toBe(false);
    expect(config.kdfIterations).toBe(600_000);
    expect(config.smtpUrl).toBeNull();
    expect(config.configuredServerSecret).toBeNull();
    expect(config.centreSeed).toMatchObject({ responseDays: 3, retentionMonths: 6 });
    expect(config.sessionIdleMinutes).toBe(30);
    expect(config.sessionAbsoluteHours).toBe(12);
    expect(config.trustProxy).toBe(false);
    expect(config.centreSeed.topics.length).toBeGreaterThan(0);
  });

  it('reads every setting it is given', () => {
    const secret = Buffer.alloc(32, 7).toString('base64url');
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/confidant',
        PUBLIC_URL: 'https://beratung.example.org/',
        DATABASE_URL: 'sqlite:portal.db',
        SMTP_URL: 'smtps://user:pass@mail.example.org:465',
        KDF_ITERATIONS: '1000',
        SERVER_SECRET: secret,
        LOG_LEVEL: 'warn',
        WEB_DIR: 'none',
        CENTRE_NAME: 'Frauenberatung Nord',
        CENTRE_TOPICS: 'Gewalt; Trennung ;',
        CENTRE_RESPONSE_DAYS: '2',
        SESSION_IDLE_MINUTES: '5',
        SESSION_ABSOLUTE_HOURS: '2',
        TRUST_PROXY: '1',
      },
      '/srv/portal',
    );

    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/var/lib/confidant');
    expect(config.publicUrl).toBe('https://beratung.example.org');
    expect(config.isHttps).toBe(true);
    expect(config.databasePath).toBe('/srv/portal/portal.db');
    expect(config.smtpUrl).toBe('smtps://user:pass@mail.example.org:465');
    expect(config.kdfIterations).toBe(1000);
    expect(Buffer.from(config.configuredServerSecret ?? []).toString('base64url')).toBe(secret);
    expect(config.logLevel).toBe('warn');
    expect(config.webDir).toBeNull();
    expect(config.centreSeed.name).toBe('Frauenberatung Nord');
    expect(config.centreSeed.topics).toEqual(['Gewalt', 'Trennung']);
    expect(config.centreSeed.responseDays).toBe(2);
    expect(config.sessionIdleMinutes).toBe(5);
    expect(config.sessionAbsoluteHours).toBe(2);
    expect(config.trustProxy).toBe(1);
  });

  it('selects PostgreSQL by a postgres:// URL, with TLS from sslmode and the pool settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://portal:s%40cret@db.internal:5433/confidant?sslmode=verify-full',
      DATABASE_POOL_SIZE: '20',
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
    });

    expect(config.database).toEqual({
      engine: 'postgres',
      url: 'postgres://portal:s%40cret@db.internal:5433/confidant',
      tls: 'verify-full',
      poolSize: 20,
      statementTimeoutMs: 5000,
    });
    expect(config.databaseName).toBe('postgres://db.internal:5433/confidant');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/portal' }).database).toMatchObject({
      tls: 'disable',
      poolSize: 10,
      statementTimeoutMs: 30_000,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/p?sslmode=require' }).database).toMatchObject({
      tls: 'require',
    });
  });

  it('never repeats the PostgreSQL password in an error', () => {
    const error = configError({ DATABASE_URL: 'postgres://u:topsecret@db/p?sslmode=maybe' });
    expect(error.message).not.toContain('topsecret');
  });

  it('accepts an in-memory database', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).databasePath).toBe(':memory:');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'PORT must be a whole number from 1 to 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT', 'PORT must be a whole number from 1 to 65535, got "70000"'],
    [{ PORT: '3000.5' }, 'PORT', 'PORT must be a whole number'],
    [{ KDF_ITERATIONS: '10' }, 'KDF_ITERATIONS', 'KDF_ITERATIONS must be a whole number from 1000'],
    [{ PUBLIC_URL: 'beratung.example.org' }, 'PUBLIC_URL', 'PUBLIC_URL must be a URL'],
    [
      { PUBLIC_URL: 'https://example.org/portal' },
      'PUBLIC_URL',
      'must be an origin without a path',
    ],
    [
      { SMTP_URL: 'http://mail.example.org' },
      'SMTP_URL',
      'SMTP_URL must start with smtp: or smtps:',
    ],
    [
      { DATABASE_URL: 'mysql://db/portal' },
      'DATABASE_URL',
      'DATABASE_URL must look like sqlite:<file>',
    ],
    [{ DATABASE_URL: 'postgres://db' }, 'DATABASE_URL', 'must name a host and a database'],
    [
      { DATABASE_URL: 'postgres://u:secret@db/portal?sslmode=prefer' },
      'DATABASE_URL',
      'sslmode must be one of disable, require, verify-ca, verify-full, got "prefer"',
    ],
    [
      { DATABASE_URL: 'postgres://db/portal', DATABASE_POOL_SIZE: '0' },
      'DATABASE_POOL_SIZE',
      'from 1 to 200',
    ],
    [
      { DATABASE_URL: 'postgres://db/portal', DATABASE_STATEMENT_TIMEOUT_MS: 'soon' },
      'DATABASE_STATEMENT_TIMEOUT_MS',
      'must be a whole number',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'LOG_LEVEL must be one of fatal, error, warn, log'],
    [
      { CENTRE_EXIT_URL: 'javascript:alert(1)' },
      'CENTRE_EXIT_URL',
      'must start with https: or http:',
    ],
    [{ CENTRE_RETENTION_MONTHS: '25' }, 'CENTRE_RETENTION_MONTHS', 'from 1 to 24'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES', 'from 1 to 1440'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY', 'from 0 to 10'],
    [
      { CENTRE_NOTIFICATION_SENDER: 'noreply@localhost' },
      'CENTRE_NOTIFICATION_SENDER',
      'must be one e-mail address with a dotted domain',
    ],
    [
      { CENTRE_NOTIFICATION_SENDER: 'Beratung' },
      'CENTRE_NOTIFICATION_SENDER',
      'CENTRE_NOTIFICATION_SENDER must be one e-mail address',
    ],
    [
      { CENTRE_NOTIFICATION_SENDER: 'a@b.example, c@d.example' },
      'CENTRE_NOTIFICATION_SENDER',
      'must be one e-mail address',
    ],
  ])('rejects %p naming %s', (env, variable, message) => {
    const error = configError(env);

    expect(error.variable).toBe(variable);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    ['http://localhost:3000', 'Online-Beratung <noreply@portal.invalid>'],
    ['http://127.0.0.1:3000', 'Online-Beratung <noreply@portal.invalid>'],
    ['http://[::1]:3000', 'Online-Beratung <noreply@portal.invalid>'],
    ['http://beratung:3000', 'Online-Beratung <noreply@portal.invalid>'],
    ['https://beratung.example.org', 'Online-Beratung <noreply@beratung.example.org>'],
  ])('gives PUBLIC_URL=%s a default sender that the mailer accepts', (publicUrl, sender) => {
    const config = loadConfig({ PUBLIC_URL: publicUrl });

    expect(config.centreSeed.notificationSender).toBe(sender);
    expect(defaultSender(publicUrl)).toBe(sender);
    expect(isValidSender(config.centreSeed.notificationSender)).toBe(true);
  });

  it('keeps a configured sender that the mailer accepts', () => {
    const config = loadConfig({
      CENTRE_NOTIFICATION_SENDER: 'Beratung <noreply@beratung.example>',
    });

    expect(config.centreSeed.notificationSender).toBe('Beratung <noreply@beratung.example>');
  });

  it('never repeats a bad secret in its message', () => {
    const error = configError({ SERVER_SECRET: 'too-short-but-secret' });

    expect(error.variable).toBe('SERVER_SECRET');
    expect(error.message).not.toContain('too-short-but-secret');
  });
});
