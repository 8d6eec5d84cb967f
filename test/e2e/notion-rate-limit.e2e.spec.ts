import { Metrics } from '../../src/infra/metrics/metrics';
import { NOTION_PACE } from '../../src/notion/notion-pacer';
import { ReviewWriteOptions } from '../../src/reviews/review-write.options';
import { USER_TOKEN } from '../support/test-app';
import { addMovie, expectStoresAgree, pendingSyncs, ReviewsWorld, startReviewsWorld } from './reviews.helpers';

async function notionOutcomes(world: ReviewsWorld): Promise<Record<string, number>> {
  const { values } = await world.api.app.get(Metrics).upstreamRequests.get();
  return Object.fromEntries(
    values.filter((value) => value.labels.upstream === 'notion').map((value) => [String(value.labels.outcome), value.value]),
  );
}

async function burstOfReviews(world: ReviewsWorld, count: number): Promise<number[]> {
  // One user sends the whole burst: the per-user cap (reviews-write-admission.e2e's subject) would refuse most of it.
  world.api.app.get(ReviewWriteOptions).perUser = count;
  const movieIds: number[] = [];
  for (let index = 0; index < count; index += 1) movieIds.push(await addMovie(world));
  const responses = await Promise.all(
    movieIds.map((movieId) =>
      world.api.request('POST', '/api/v1/reviews', { token: USER_TOKEN, body: { movieId, rating: 4, comment: 'Burst.' } }),
    ),
  );
  return responses.map((response) => response.status);
}

describe('Notion rate limit (e2e)', () => {
  it('paces a burst of writes within Notion’s three requests a second, so none is refused', async () => {
    // Notion's documented limit: three requests a second on average, with some burst.
    const world = await startReviewsWorld({ realPace: true, simulator: { requestsPerSecond: 3 } });
    try {
      const startedAt = Date.now();

      const statuses = await burstOfReviews(world, 9);

      const elapsedMs = Date.now() - startedAt;
      const requests = world.notion.requestCount();
      expect(statuses).toEqual(Array(9).fill(201));
      expect(await notionOutcomes(world)).toEqual({ '200': requests });
      // 10 requests (9 creates and the data source look-up): 3 at once, then one every 333 ms.
      expect(elapsedMs).toBeGreaterThanOrEqual(((requests - NOTION_PACE.burst) / NOTION_PACE.requestsPerSecond) * 1000 - 100);
      await expectStoresAgree(world);
    } finally {
      await world.close();
    }
  });

  it('survives 429s by waiting Retry-After when Notion allows less than we send (another replica spends it too)', async () => {
    const world = await startReviewsWorld({
      realPace: true,
      simulator: { requestsPerSecond: 1, burst: 1 },
      env: { UPSTREAM_RETRIES: '6' },
    });
    try {
      const statuses = await burstOfReviews(world, 4);

      expect(statuses).toEqual(Array(4).fill(201));
      const outcomes = await notionOutcomes(world);
      expect(outcomes['429']).toBeGreaterThan(0);
      expect(outcomes['200']).toBe(5);
      expect(world.notion.livePages()).toHaveLength(4);
      await expectStoresAgree(world);
      expect(await pendingSyncs(world)).toEqual([]);
    } finally {
      await world.close();
    }
  });
});
