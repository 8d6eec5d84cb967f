import { Registry } from 'prom-client';
import { scrapedGauge } from '../../src/infra/metrics/scraped-gauge';

describe('scrapedGauge', () => {
  it('reads its samples at each scrape', async () => {
    const registry = new Registry();
    let pending = 3;
    scrapedGauge(registry, {
      name: 'things',
      help: 'h',
      labelNames: ['kind'],
      read: async () => [{ labels: { kind: 'a' }, value: pending }],
    });
    expect(await registry.metrics()).toContain('things{kind="a"} 3');
    pending = 5;
    expect(await registry.metrics()).toContain('things{kind="a"} 5');
  });

  it('has no series of a labelled gauge, and NaN for an unlabelled one, when there is nothing to report', async () => {
    const registry = new Registry();
    scrapedGauge(registry, { name: 'by_kind', help: 'h', labelNames: ['kind'], read: async () => [] });
    scrapedGauge(registry, { name: 'single', help: 'h', read: async () => [] });
    const text = await registry.metrics();
    expect(text).not.toMatch(/^by_kind/m);
    expect(text).toMatch(/^single nan$/im);
  });

  it('says NaN (unknown) for a scrape whose read fails or is too slow, and the scrape still answers', async () => {
    const registry = new Registry();
    let fail = false;
    scrapedGauge(registry, {
      name: 'failing',
      help: 'h',
      read: async () => {
        if (fail) throw new Error('database down');
        return [{ value: 7 }];
      },
    });
    scrapedGauge(registry, { name: 'slow', help: 'h', budgetMs: 20, read: () => new Promise<never>(() => undefined) });
    scrapedGauge(registry, { name: 'steady', help: 'h', read: async () => [{ value: 1 }] });
    expect(await registry.metrics()).toMatch(/^failing 7$/m);
    fail = true;
    const text = await registry.metrics();
    expect(text).toMatch(/^failing nan$/im);
    expect(text).toMatch(/^slow nan$/im);
    expect(text).toMatch(/^steady 1$/m);
  });
});
