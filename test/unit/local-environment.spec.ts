import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentEncryptionKey } from '../../dev/development-key';
import { startLocalEnvironment } from '../../dev/local-environment';

describe('local environment (development mode)', () => {
  it('starts a simulator for every unset upstream and says so, one line each', async () => {
    const local = await startLocalEnvironment({ NODE_ENV: 'development', DATABASE_URL: 'postgres://given@127.0.0.1/test' });
    try {
      expect(local.overrides.DATABASE_URL).toBeUndefined();
      expect(local.notes).toEqual([
        'REDIS_URL unset: caching in process',
        expect.stringMatching(/^TMDB_API_TOKEN unset: using the bundled TMDB simulator at http:\/\/127\.0\.0\.1:\d+\/3$/),
        expect.stringMatching(/^ENCRYPTION_KEY unset: (generated|using) the development key in \.data\/encryption-key$/),
        expect.stringMatching(/^NOTION_TOKEN unset: using the bundled Notion simulator at /),
        expect.stringMatching(/^AIRTABLE_TOKEN unset: using the bundled Airtable simulator at /),
      ]);
      const tmdb = await fetch(`${local.overrides.TMDB_BASE_URL}/movie/550`, {
        headers: { authorization: `Bearer ${local.overrides.TMDB_API_TOKEN}` },
      });
      expect(tmdb.status).toBe(200);
      expect(local.overrides).toEqual(
        expect.objectContaining({
          NOTION_TOKEN: expect.any(String),
          NOTION_DATABASE_ID: expect.any(String),
          AIRTABLE_TOKEN: expect.any(String),
          AIRTABLE_BASE_ID: expect.any(String),
          AIRTABLE_TABLE_ID: expect.any(String),
        }),
      );
    } finally {
      await local.stop();
    }
    await expect(fetch(`${local.overrides.TMDB_BASE_URL}/movie/550`)).rejects.toThrow();
  });

  it('leaves configured upstreams alone', async () => {
    const local = await startLocalEnvironment({
      DATABASE_URL: 'postgres://x@127.0.0.1/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      TMDB_API_TOKEN: 't',
      NOTION_TOKEN: 'n',
      AIRTABLE_TOKEN: 'a',
      ENCRYPTION_KEY: 'k',
    });
    expect(local.overrides).toEqual({});
    expect(local.notes).toEqual([]);
    await local.stop();
  });

  it('starts nothing in production', async () => {
    const local = await startLocalEnvironment({ NODE_ENV: 'production' });
    expect(local.overrides).toEqual({});
    await local.stop();
  });
});

describe('development ENCRYPTION_KEY', () => {
  it('is made once under .data/, readable by its owner only, and the same on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cinemateca-key-'));
    try {
      const file = join(dir, '.data', 'encryption-key');
      const first = developmentEncryptionKey(file);
      expect(first.created).toBe(true);
      expect(Buffer.from(first.key, 'base64')).toHaveLength(32);
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(developmentEncryptionKey(file)).toEqual({ key: first.key, created: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
