import { randomBytes } from 'node:crypto';
import { CredentialBox, CredentialBoxError } from '../../src/tmdb-account/credential-box';
import { loadSettings, parseEncryptionKey } from '../../src/config/settings';
import { SettingsError } from '../../src/config/environment';

const key = randomBytes(32);
const box = new CredentialBox(key);
const forUser = (userId: number) => ({ userId, purpose: 'tmdb-access-token' as const });

describe('CredentialBox (AES-256-GCM)', () => {
  it('opens what it sealed, and the sealed text holds nothing of the value', () => {
    const secret = 'eyJhbGciOiJIUzI1NiJ9.secret-access-token';
    const sealed = box.seal(secret, forUser(7));
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('secret');
    expect(box.open(sealed, forUser(7))).toBe(secret);
  });

  it('uses a fresh nonce for every value: the same secret never seals alike', () => {
    const a = box.seal('same', forUser(1));
    const b = box.seal('same', forUser(1));
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(3), 'base64url').subarray(0, 12)).not.toEqual(Buffer.from(b.slice(3), 'base64url').subarray(0, 12));
  });

  it('binds the user and the purpose: a value moved to another user or field does not open', () => {
    const sealed = box.seal('token', forUser(1));
    expect(() => box.open(sealed, forUser(2))).toThrow(CredentialBoxError);
    expect(() => box.open(sealed, { userId: 1, purpose: 'tmdb-session-id' })).toThrow(CredentialBoxError);
  });

  it('refuses a tampered value, another key, and garbage, without saying anything of the value', () => {
    const sealed = box.seal('token-value', forUser(1));
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[14] ^= 1;
    expect(() => box.open(`v1.${bytes.toString('base64url')}`, forUser(1))).toThrow(CredentialBoxError);
    expect(() => new CredentialBox(randomBytes(32)).open(sealed, forUser(1))).toThrow(CredentialBoxError);
    for (const junk of ['', 'v1.', 'v2.abc', 'v1.AAAA', 'plain-text']) expect(() => box.open(junk, forUser(1))).toThrow(CredentialBoxError);
    try {
      new CredentialBox(randomBytes(32)).open(sealed, forUser(1));
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('token-value');
    }
  });

  it('needs a 32-byte key', () => {
    expect(() => new CredentialBox(randomBytes(16))).toThrow(RangeError);
  });
});

describe('ENCRYPTION_KEY and the link settings', () => {
  it('takes 32 bytes of base64 or base64url, and refuses anything shorter or longer', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString('base64'))).toEqual(raw);
    expect(parseEncryptionKey(raw.toString('base64url'))).toEqual(raw);
    expect(loadSettings({ ENCRYPTION_KEY: raw.toString('base64') }).tmdbAccount.encryptionKey).toEqual(raw);
    expect(() => loadSettings({ ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(SettingsError);
    expect(() => loadSettings({ ENCRYPTION_KEY: randomBytes(48).toString('base64') })).toThrow(SettingsError);
  });

  it('has the contract defaults, and production starts without a key (linking then answers 503)', () => {
    const settings = loadSettings({});
    expect(settings.tmdbAccount).toEqual({
      authUrl: 'https://www.themoviedb.org',
      linkRedirectUrl: undefined,
      refreshSeconds: 60,
      encryptionKey: undefined,
    });
    const production = loadSettings({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db:5432/cinemateca',
      JWT_SECRET: 'a-production-secret-that-is-long-enough-0123',
      TMDB_API_TOKEN: 'tmdb-read-token',
      CORS_ORIGINS: 'https://app.example.com',
      TMDB_AUTH_URL: 'https://www.themoviedb.org/',
      TMDB_LINK_REDIRECT_URL: 'https://app.example.com/linked',
      TMDB_ACCOUNT_REFRESH_SECONDS: '120',
    });
    expect(production.tmdbAccount).toEqual({
      authUrl: 'https://www.themoviedb.org',
      linkRedirectUrl: 'https://app.example.com/linked',
      refreshSeconds: 120,
      encryptionKey: undefined,
    });
    expect(() => loadSettings({ TMDB_ACCOUNT_REFRESH_SECONDS: '0' })).toThrow(SettingsError);
    expect(() => loadSettings({ TMDB_LINK_REDIRECT_URL: 'javascript:alert(1)' })).toThrow(SettingsError);
  });
});
