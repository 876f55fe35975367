import { isAbsolute, join, resolve } from 'node:path';
import { CentreSeed } from '@confidant/api/accounts';
import { isValidSender } from '@confidant/api/mail';
import { DatabaseSettings, PostgresTls, describeDatabase } from '@confidant/api/persistence';

/** Log levels of Nest's logger, from the quietest. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** A setting that cannot be used; its message names the variable and says what is expected. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

/** The API's settings, read once at boot from the environment and validated (DESIGN.md section 3). */
export class AppConfig {
  constructor(
    readonly host: string,
    readonly port: number,
    /** Folder of the SQLite database, the generated server secret and, later, the mail outbox. */
    readonly dataDir: string,
    /** Origin under which clients reach the portal; used for links and Origin checks. */
    readonly publicUrl: string,
    /** The SQLite file (or `:memory:`), or a PostgreSQL server with its pool settings. */
    readonly database: DatabaseSettings,
    /** SMTP server for outgoing mail; without it mail goes to the outbox folder. */
    readonly smtpUrl: string | null,
    /** PBKDF2 iterations given to new accounts. */
    readonly kdfIterations: number,
    /** Set only when SERVER_SECRET is configured; otherwise the secret is kept in DATA_DIR. */
    readonly configuredServerSecret: Uint8Array | null,
    readonly logLevel: LogLevelName,
    /** A session ends after this many minutes without a request. */
    readonly sessionIdleMinutes: number,
    /** A session ends this many hours after login, whatever happens. */
    readonly sessionAbsoluteHours: number,
    /** Express `trust proxy`: false, or how many proxies stand in front (for rate limits by address). */
    readonly trustProxy: number | false,
    /** Built web app that the API serves; null when it should serve none. */
    readonly webDir: string | null,
    /** Values the centre row starts with on the first start. */
    readonly centreSeed: CentreSeed,
  ) {}

  /** The SQLite file (or `:memory:`); only for SQLite. */
  get databasePath(): string {
    if (this.database.engine === 'postgres') {
      throw new Error('databasePath: the database is PostgreSQL');
    }
    return this.database.databasePath;
  }

  /** The database for messages: the SQLite file, or PostgreSQL's host and database. */
  get databaseName(): string {
    return describeDatabase(this.database);
  }

  /** True when the portal is reached over HTTPS, so cookies get `Secure` and HSTS is sent. */
  get isHttps(): boolean {
    return this.publicUrl.startsWith('https://');
  }
}

type Env = Record<string, string | undefined>;

const DEFAULT_WEB_DIR = join(__dirname, '..', 'web', 'browser');

/** Reads and validates the settings; throws a {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Env, cwd = process.cwd()): AppConfig {
  const read = new EnvReader(env);
  const host = read.string('HOST', '127.0.0.1');
  const port = read.integer('PORT', 3000, 1, 65535);
  const dataDir = resolve(cwd, read.string('DATA_DIR', 'data'));
  const publicUrl = read.origin('PUBLIC_URL', `http://localhost:${port}`);
  const database = databaseFrom(read, env['DATABASE_URL'], dataDir, cwd);
  const smtpUrl = read.optionalUrl('SMTP_URL', ['smtp:', 'smtps:']);
  const kdfIterations = read.integer('KDF_ITERATIONS', 600_000, 1_000, 10_000_000);
  const serverSecret = read.secret('SERVER_SECRET');
  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'log');
  const sessionIdleMinutes = read.integer('SESSION_IDLE_MINUTES', 30, 1, 24 * 60);
  const sessionAbsoluteHours = read.integer('SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24);
  const proxies = read.integer('TRUST_PROXY', 0, 0, 10);
  const webDirSetting = read.string('WEB_DIR', DEFAULT_WEB_DIR);
  const webDir = webDirSetting === 'none' ? null : resolve(cwd, webDirSetting);

  const centreSeed: CentreSeed = {
    name: read.text('CENTRE_NAME', 'Online-Beratung', 200),
    phone: read.text('CENTRE_PHONE', '116 016', 50),
    responseDays: read.integer('CENTRE_RESPONSE_DAYS', 3, 1, 30),
    retentionMonths: read.integer('CENTRE_RETENTION_MONTHS', 6, 1, 24),
    exitUrl: read.url('CENTRE_EXIT_URL', 'https://www.wetter.com/', ['https:', 'http:']),
    notificationSender: read.sender('CENTRE_NOTIFICATION_SENDER', defaultSender(publicUrl)),
    notificationSubject: read.text('CENTRE_NOTIFICATION_SUBJECT', 'Neuigkeiten im Portal', 200),
    topics: read.list('CENTRE_TOPICS', [
      'Häusliche Gewalt',
      'Sexualisierte Gewalt',
      'Stalking',
      'Trennung',
      'Psychische Belastung',
      'Sonstiges',
    ]),
  };

  return new AppConfig(
    host,
    port,
    dataDir,
    publicUrl,
    database,
    smtpUrl,
    kdfIterations,
    serverSecret,
    logLevel,
    sessionIdleMinutes,
    sessionAbsoluteHours,
    proxies === 0 ? false : proxies,
    webDir,
    centreSeed,
  );
}

/**
 * `Online-Beratung <noreply@host>` for a portal under a domain name. Under `localhost`, a name
 * without a dot or an IP address that would be no address the mailer (or any mail server) takes,
 * so the sender lies in the reserved domain `.invalid` (RFC 2606): valid, and nobody's.
 */
export function defaultSender(publicUrl: string): string {
  const derived = `Online-Beratung <noreply@${new URL(publicUrl).hostname}>`;
  return isValidSender(derived) ? derived : 'Online-Beratung <noreply@portal.invalid>';
}

const POSTGRES_TLS_MODES: Record<string, PostgresTls> = {
  disable: 'disable',
  require: 'require',
  'verify-ca': 'verify-full',
  'verify-full': 'verify-full',
};

function databaseFrom(
  read: EnvReader,
  value: string | undefined,
  dataDir: string,
  cwd: string,
): DatabaseSettings {
  value = value?.trim();
  if (value === undefined || value === '') {
    return { databasePath: join(dataDir, 'confidant.sqlite') };
  }
  if (value === 'sqlite::memory:') {
    return { databasePath: ':memory:' };
  }
  const match = /^sqlite:(?:\/\/)?(.+)$/.exec(value);
  if (match) {
    const path = match[1];
    return { databasePath: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:/.test(value)) {
    return postgresFrom(read, value);
  }
  throw new ConfigError(
    'DATABASE_URL',
    `must look like sqlite:<file> or postgres://user:password@host:port/database, got "${value}"`,
  );
}

/**
 * A PostgreSQL URL with host and database; `sslmode` (disable, require, verify-ca, verify-full;
 * default disable) is taken out of it and becomes the TLS setting, so that the driver does not read
 * it its own way. The password is never repeated in an error.
 */
function postgresFrom(read: EnvReader, value: string): DatabaseSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.hostname === '' || name === '' || name.includes('/')) {
    throw new ConfigError(
      'DATABASE_URL',
      'must name a host and a database: postgres://user:password@host:port/database',
    );
  }
  const mode = url.searchParams.get('sslmode') ?? 'disable';
  const tls = POSTGRES_TLS_MODES[mode];
  if (tls === undefined) {
    throw new ConfigError(
      'DATABASE_URL',
      `sslmode must be one of ${Object.keys(POSTGRES_TLS_MODES).join(', ')}, got "${mode}"`,
    );
  }
  url.searchParams.delete('sslmode');
  return {
    engine: 'postgres',
    url: url.toString(),
    tls,
    poolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 200),
    statementTimeoutMs: read.integer('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
  };
}

/** Reads typed values from the environment; unset or empty means "use the default". */
class EnvReader {
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  text(name: string, fallback: string, maxLength: number): string {
    const value = this.string(name, fallback);
    if (value.length > maxLength) {
      throw new ConfigError(name, `must be at most ${maxLength} characters long`);
    }
    return value;
  }

  /** A notice sender the mailer accepts; anything else would lose every notice later. */
  sender(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    if (!isValidSender(value)) {
      throw new ConfigError(
        name,
        'must be one e-mail address with a dotted domain, optionally with a name, such as ' +
          `"Online-Beratung <noreply@beratung.example.org>", got "${value}"`,
      );
    }
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) {
      return fallback;
    }
    const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) {
      return fallback;
    }
    if (!(allowed as readonly string[]).includes(value)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
    }
    return value as T;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    return this.optionalUrl(name, protocols) ?? fallback;
  }

  optionalUrl(name: string, protocols: string[]): string | null {
    const value = this.raw(name);
    if (value === undefined) {
      return null;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(name, `must be a URL, got "${value}"`);
    }
    if (!protocols.includes(url.protocol)) {
      throw new ConfigError(name, `must start with ${protocols.join(' or ')}//`);
    }
    return value;
  }

  /** A URL reduced to its origin, for example `https://beratung.example.org`. */
  origin(name: string, fallback: string): string {
    const value = this.url(name, fallback, ['https:', 'http:']);
    const url = new URL(value);
    if (url.pathname !== '/' || url.search || url.hash) {
      throw new ConfigError(
        name,
        `must be an origin without a path, such as https://beratung.example.org`,
      );
    }
    return url.origin;
  }

  list(name: string, fallback: string[]): string[] {
    const value = this.raw(name);
    if (value === undefined) {
      return fallback;
    }
    const items = value
      .split(';')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    if (items.length === 0 || items.some((item) => item.length > 100)) {
      throw new ConfigError(name, 'must list topics separated by ";", each at most 100 characters');
    }
    return items;
  }

  secret(name: string): Uint8Array | null {
    const value = this.raw(name);
    if (value === undefined) {
      return null;
    }
    const bytes = /^[A-Za-z0-9_-]+$/.test(value)
      ? Buffer.from(value, 'base64url')
      : Buffer.alloc(0);
    if (bytes.length < 32) {
      // Never echo the value: it is a secret.
      throw new ConfigError(name, 'must be at least 32 random bytes written as base64url');
    }
    return new Uint8Array(bytes);
  }
}
