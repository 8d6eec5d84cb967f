import { startupBanner } from '../../dev/banner';
import { startOrderFeed } from '../../dev/order-feed';
import { loadSettings } from '../../src/config/settings';
import { startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { startTmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';

describe('development welcome', () => {
  it('lists the docs, both static tokens, how to link a TMDb account and the simulators', async () => {
    const tmdb = await startTmdbSimulator({ catalogSize: 50 });
    const airtable = await startAirtableSimulator({ records: 3 });
    try {
      const settings = loadSettings({ NODE_ENV: 'development', PORT: '3123', DATABASE_URL: 'postgres://x@127.0.0.1/test' });
      const banner = startupBanner({
        settings,
        simulators: { tmdb, airtable },
        orderFeedSeconds: 60,
        sampleData: {
          catalogMovies: 36,
          reviews: 24,
          favorites: 8,
          ratings: 10,
          sharedList: 'consumer-picks',
          notionPagesRestored: 0,
          problems: [],
        },
      });
      expect(banner).toContain('http://localhost:3123/docs');
      expect(banner).toContain('admin (ADMIN): Authorization: Bearer abcdef1234567890');
      expect(banner).toContain('consumer (USER): Authorization: Bearer 1234567890');
      expect(banner).toContain('POST /api/v1/me/tmdb-account/link');
      expect(banner).toContain('PUT /api/v1/me/tmdb-account');
      expect(banner).toContain(`${tmdb.url}/auth/access`);
      expect(banner).toContain(tmdb.apiRoot);
      expect(banner).toContain(`${airtable.endpointUrl}, a new order every 60 s, imported every 5 min`);
      expect(banner).toContain('36 catalog movies');
      expect(banner).toContain('/api/v1/shared-lists/consumer-picks');
    } finally {
      await Promise.all([tmdb.close(), airtable.close()]);
    }
  });

  it('feeds the Airtable simulator a new pending order and moves an open one on, at each tick', async () => {
    const airtable = await startAirtableSimulator({ records: 5 });
    const feed = startOrderFeed(airtable, 3_600_000);
    try {
      for (const record of airtable.records()) airtable.updateRecord(record.id, { Status: 'Delivered' });
      const open = airtable.records()[2];
      airtable.updateRecord(open.id, { Status: 'Sent' });
      const before = airtable.records();
      const id = feed.tick();
      const after = airtable.records();
      expect(after).toHaveLength(before.length + 1);
      expect(after.find((record) => record.id === id)?.fields).toEqual(
        expect.objectContaining({
          Status: 'Pending',
          'Order Date': new Date().toISOString().slice(0, 10),
          'Order ID': `ORD-${'6'.padStart(6, '0')}`,
        }),
      );
      expect(after.find((record) => record.id === open.id)?.fields.Status).toBe('Delivered');
      expect(after.filter((record) => record.fields.Status === 'Delivered')).toHaveLength(5);
    } finally {
      feed.stop();
      await airtable.close();
    }
  });
});
