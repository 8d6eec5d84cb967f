import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { EnvironmentVariables, SettingsError, validateEnvironment } from './environment';

export type Role = 'ADMIN' | 'USER';

export interface StaticTokenSetting {
  token: string;
  username: string;
  role: Role;
}

export interface AppSettings {
  port: number;
  nodeEnv: EnvironmentVariables['NODE_ENV'];
  isProduction: boolean;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** Fastify's trustProxy: false, a hop count, or a list of addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  bodyLimitBytes: number;
}

export interface DatabaseSettings {
  /** Unset in development: an embedded PostgreSQL is started and this is filled in. */
  url?: string;
  runMigrationsOnStartup: boolean;
  /** Connections of this replica's pool (DATABASE_POOL_SIZE). */
  poolSize: number;
}

export interface CacheSettings {
  redisUrl?: string;
  keyPrefix: string;
  ttlSeconds: number;
  staleTtlSeconds: number;
}

export interface UpstreamSettings {
  retries: number;
  timeoutMs: number;
}

export interface AuthSettings {
  jwtSecret: string;
  /** True when no JWT_SECRET was given and a random one is used (tokens die with the process). */
  jwtSecretGenerated: boolean;
  jwtExpiresIn: string;
  jwtExpiresInSeconds: number;
  staticTokens: StaticTokenSetting[];
  /** Failed bearer authentications per client IP and minute before 429. */
  failuresPerMinute: number;
  passwordHashWorkers: number;
  passwordHashQueue: number;
}

export interface TmdbSettings {
  apiToken?: string;
  baseUrl: string;
  /** Every TMDB call of this replica waits its turn at this pace (TMDB_REQUESTS_PER_SECOND). */
  requestsPerSecond: number;
}

export interface TmdbAccountSettings {
  /** The root of TMDb's website, where a user approves a request token. */
  authUrl: string;
  linkRedirectUrl?: string;
  refreshSeconds: number;
  /** The AES-256 key of stored credentials; undefined: linking answers 503. */
  encryptionKey?: Buffer;
}

export interface NotionSettings {
  token?: string;
  databaseId?: string;
  baseUrl: string;
}

export interface AirtableSettings {
  token?: string;
  baseId?: string;
  tableId?: string;
  endpointUrl: string;
  /** Most Airtable calls in any one-second window (AIRTABLE_REQUESTS_PER_SECOND). */
  requestsPerSecond: number;
}

export interface SyncSettings {
  intervalMinutes: number;
  onStartup: boolean;
  /** Largest share of the orders a full pass deletes without an admin's explicit allowMassDelete. */
  maxDeleteRatio: number;
  notionReconcileMinutes: number;
}

export interface Settings {
  app: AppSettings;
  database: DatabaseSettings;
  cache: CacheSettings;
  upstream: UpstreamSettings;
  auth: AuthSettings;
  tmdb: TmdbSettings;
  tmdbAccount: TmdbAccountSettings;
  notion: NotionSettings;
  airtable: AirtableSettings;
  sync: SyncSettings;
}

export const DEFAULT_STATIC_API_TOKENS = 'abcdef1234567890:admin:ADMIN,1234567890:consumer:USER';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** A static token is a long-lived secret: in production it must resist guessing on its own. */
export const MIN_PRODUCTION_STATIC_TOKEN_LENGTH = 32;

export function parseStaticTokens(raw: string, isProduction = false): StaticTokenSetting[] {
  const problems: string[] = [];
  const tokens = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [token, username, role, ...rest] = entry.split(':');
      if (!token || !username || (role !== 'ADMIN' && role !== 'USER') || rest.length > 0) {
        problems.push(`STATIC_API_TOKENS entry "${entry.replace(/^[^:]*/, '***')}" must be token:username:ADMIN|USER`);
      } else if (token.length < 8) {
        problems.push(`STATIC_API_TOKENS token for ${username} must be at least 8 characters`);
      } else if (isProduction && token.length < MIN_PRODUCTION_STATIC_TOKEN_LENGTH) {
        problems.push(
          `STATIC_API_TOKENS token for ${username} must be at least ${MIN_PRODUCTION_STATIC_TOKEN_LENGTH} characters in production`,
        );
      }
      return { token, username, role: role as Role };
    });
  if (problems.length > 0) throw new SettingsError(problems);
  return tokens;
}

export function parseTrustProxy(raw: string | undefined): boolean | number | string[] {
  if (!raw) return false;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function durationToSeconds(duration: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(duration);
  if (!match) throw new SettingsError([`invalid duration ${duration}`]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** ENCRYPTION_KEY: exactly 32 bytes in base64 (or base64url), so AES-256 gets the key it needs and nothing shorter. */
export function parseEncryptionKey(raw: string): Buffer {
  const key = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) throw new SettingsError(['ENCRYPTION_KEY must decode to exactly 32 bytes (e.g. `openssl rand -base64 32`)']);
  return key;
}

/** Builds the typed settings of every concern from the environment. Throws SettingsError. */
export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  const vars = validateEnvironment(env);
  const isProduction = vars.NODE_ENV === 'production';
  const staticTokens = parseStaticTokens(vars.STATIC_API_TOKENS ?? (isProduction ? '' : DEFAULT_STATIC_API_TOKENS), isProduction);
  return {
    app: {
      port: vars.PORT,
      nodeEnv: vars.NODE_ENV,
      isProduction,
      corsOrigins: vars.CORS_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
      trustProxy: parseTrustProxy(vars.TRUST_PROXY),
      logLevel: vars.LOG_LEVEL,
      bodyLimitBytes: BODY_LIMIT_BYTES,
    },
    database: { url: vars.DATABASE_URL, runMigrationsOnStartup: !isProduction, poolSize: vars.DATABASE_POOL_SIZE },
    cache: {
      redisUrl: vars.REDIS_URL,
      keyPrefix: vars.REDIS_KEY_PREFIX,
      ttlSeconds: vars.CACHE_TTL_SECONDS,
      staleTtlSeconds: vars.CACHE_STALE_TTL_SECONDS,
    },
    upstream: { retries: vars.UPSTREAM_RETRIES, timeoutMs: vars.UPSTREAM_TIMEOUT_MS },
    auth: {
      jwtSecret: vars.JWT_SECRET ?? randomBytes(48).toString('base64url'),
      jwtSecretGenerated: !vars.JWT_SECRET,
      jwtExpiresIn: vars.JWT_EXPIRES_IN,
      jwtExpiresInSeconds: durationToSeconds(vars.JWT_EXPIRES_IN),
      staticTokens,
      failuresPerMinute: vars.AUTH_FAILURES_PER_MINUTE,
      passwordHashWorkers: vars.PASSWORD_HASH_WORKERS ?? Math.min(4, Math.max(1, availableParallelism() - 1)),
      passwordHashQueue: vars.PASSWORD_HASH_QUEUE,
    },
    tmdb: {
      apiToken: vars.TMDB_API_TOKEN,
      baseUrl: vars.TMDB_BASE_URL.replace(/\/+$/, ''),
      requestsPerSecond: vars.TMDB_REQUESTS_PER_SECOND,
    },
    tmdbAccount: {
      authUrl: vars.TMDB_AUTH_URL.replace(/\/+$/, ''),
      linkRedirectUrl: vars.TMDB_LINK_REDIRECT_URL,
      refreshSeconds: vars.TMDB_ACCOUNT_REFRESH_SECONDS,
      encryptionKey: vars.ENCRYPTION_KEY === undefined ? undefined : parseEncryptionKey(vars.ENCRYPTION_KEY),
    },
    notion: { token: vars.NOTION_TOKEN, databaseId: vars.NOTION_DATABASE_ID, baseUrl: vars.NOTION_BASE_URL.replace(/\/+$/, '') },
    airtable: {
      token: vars.AIRTABLE_TOKEN,
      baseId: vars.AIRTABLE_BASE_ID,
      tableId: vars.AIRTABLE_TABLE_ID,
      endpointUrl: vars.AIRTABLE_ENDPOINT_URL.replace(/\/+$/, ''),
      requestsPerSecond: vars.AIRTABLE_REQUESTS_PER_SECOND,
    },
    sync: {
      intervalMinutes: vars.SYNC_INTERVAL_MINUTES,
      onStartup: vars.SYNC_ON_STARTUP,
      maxDeleteRatio: vars.SYNC_MAX_DELETE_RATIO,
      notionReconcileMinutes: vars.NOTION_RECONCILE_MINUTES,
    },
  };
}
