import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * The environment variables of the contract, with their types and bounds.
 * Anything unset keeps its development default; production additionally
 * requires the settings listed in REQUIRED_IN_PRODUCTION.
 */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Prefix of every Redis key, so several deployments or test runs can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'REDIS_KEY_PREFIX must be 1-64 characters of A-Z a-z 0-9 _ . : -' })
  REDIS_KEY_PREFIX = 'cinemateca:';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  CACHE_TTL_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30 * 86_400)
  CACHE_STALE_TTL_SECONDS = 86_400;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  UPSTREAM_RETRIES = 3;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  UPSTREAM_TIMEOUT_MS = 5000;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  JWT_SECRET?: string;

  @IsString()
  @Matches(/^\d+[smhd]?$/, { message: 'JWT_EXPIRES_IN must look like 3600, 15m, 1h or 7d' })
  JWT_EXPIRES_IN = '1h';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  STATIC_API_TOKENS?: string;

  /** Required in production (REQUIRED_IN_PRODUCTION): the development default would let no real browser origin in. */
  @IsString()
  CORS_ORIGINS = 'http://localhost:5173';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 300;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  TRUST_PROXY?: string;

  /** Failed bearer authentications (missing, malformed, unknown, expired or revoked token) per client IP and minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  AUTH_FAILURES_PER_MINUTE = 20;

  /** Worker threads that run bcrypt; unset: one less than the CPUs, between 1 and 4. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  PASSWORD_HASH_WORKERS?: number;

  /** Password hashes waiting for a worker before login and register answer 503. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PASSWORD_HASH_QUEUE = 32;

  /** Connections each replica keeps to PostgreSQL; replicas x this must stay under the server's max_connections. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 10;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  TMDB_API_TOKEN?: string;

  @IsString()
  @Matches(/^https?:\/\//, { message: 'TMDB_BASE_URL must be an http(s) URL' })
  TMDB_BASE_URL = 'https://api.themoviedb.org/3';

  /** Where users approve a link of their TMDb account (`{TMDB_AUTH_URL}/auth/access`). */
  @IsString()
  @Matches(/^https?:\/\//, { message: 'TMDB_AUTH_URL must be an http(s) URL' })
  TMDB_AUTH_URL = 'https://www.themoviedb.org';

  /** Where TMDb sends the user after approving a link (the SPA's page); unset: TMDb's own "approved" page. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^https?:\/\//, { message: 'TMDB_LINK_REDIRECT_URL must be an http(s) URL' })
  TMDB_LINK_REDIRECT_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  TMDB_ACCOUNT_REFRESH_SECONDS = 60;

  /** 32 random bytes, base64: the key of the credentials stored for users (linked TMDb accounts). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^[A-Za-z0-9+/_-]{42,43}=?$/, { message: 'ENCRYPTION_KEY must be 32 random bytes in base64' })
  ENCRYPTION_KEY?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  NOTION_TOKEN?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  NOTION_DATABASE_ID?: string;

  @IsString()
  @Matches(/^https?:\/\//, { message: 'NOTION_BASE_URL must be an http(s) URL' })
  NOTION_BASE_URL = 'https://api.notion.com';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  AIRTABLE_TOKEN?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  AIRTABLE_BASE_ID?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  AIRTABLE_TABLE_ID?: string;

  @IsString()
  @Matches(/^https?:\/\//, { message: 'AIRTABLE_ENDPOINT_URL must be an http(s) URL' })
  AIRTABLE_ENDPOINT_URL = 'https://api.airtable.com';

  /** Airtable allows 5 per base; a bulk import from a private mirror may go faster. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  AIRTABLE_REQUESTS_PER_SECOND = 4;

  /** Per replica; TMDB allows about 40-50 per IP. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  TMDB_REQUESTS_PER_SECOND = 40;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_080)
  SYNC_INTERVAL_MINUTES = 5;

  @Transform(toBool)
  @IsBoolean()
  SYNC_ON_STARTUP = true;

  /** Share of the orders one full pass may delete (0.1 = 10 %); beyond it the deletions wait for an admin's allowMassDelete. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  SYNC_MAX_DELETE_RATIO = 0.1;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_080)
  NOTION_RECONCILE_MINUTES = 60;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';
}

export const REQUIRED_IN_PRODUCTION = ['DATABASE_URL', 'JWT_SECRET', 'TMDB_API_TOKEN', 'CORS_ORIGINS'] as const;

/** Upstream roots that carry our credentials: https in production, except to this host itself. */
const UPSTREAM_URLS = ['TMDB_BASE_URL', 'NOTION_BASE_URL', 'AIRTABLE_ENDPOINT_URL'] as const;

/** Loopback never leaves the machine (a local mirror or sidecar), so plain http there exposes nothing. */
function isHttpsOrLoopback(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** Secrets that must never reach production: the development defaults and obvious placeholders. */
const PLACEHOLDER_SECRETS = /^(changeme|change-me|secret|please-change|xxx+|todo)$/i;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

/** Parses and validates the environment; throws one SettingsError naming every problem. */
export function validateEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const variables = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const problems = validateSync(variables, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  if (variables.NODE_ENV === 'production') {
    // CORS_ORIGINS has a development default on the class, so production asks whether the environment set it.
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => (name === 'CORS_ORIGINS' ? !defined.CORS_ORIGINS?.trim() : !variables[name]));
    if (missing.length > 0) problems.push(`${missing.join(', ')} must be set when NODE_ENV=production`);
    if (variables.JWT_SECRET && (variables.JWT_SECRET.length < 32 || PLACEHOLDER_SECRETS.test(variables.JWT_SECRET))) {
      problems.push('JWT_SECRET must be at least 32 characters and not a placeholder in production');
    }
    for (const name of UPSTREAM_URLS) {
      if (!isHttpsOrLoopback(variables[name])) problems.push(`${name} must be an https URL in production`);
    }
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return variables;
}
