import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const DEVELOPMENT_KEY_FILE = '.data/encryption-key';

/**
 * The ENCRYPTION_KEY of development: made once and kept beside the embedded
 * database, so credentials stored by one `npm start` still open after a restart.
 * Readable by the owner only; never used in production (nothing is started there).
 */
export function developmentEncryptionKey(file: string = DEVELOPMENT_KEY_FILE): { key: string; created: boolean } {
  const path = resolve(file);
  if (existsSync(path)) {
    const key = readFileSync(path, 'utf8').trim();
    if (Buffer.from(key, 'base64').length === 32) return { key, created: false };
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return { key, created: true };
}
