import { Logger } from '@nestjs/common';
import { UpstreamError } from '../../src/common/errors/domain-error';
import type { MovieSnapshot } from '../../src/movie-snapshots/movie-snapshot';
import { SnapshotRefresher } from '../../src/movie-snapshots/snapshot-refresher';
import type { MovieDetails } from '../../src/movies/movie.types';
import type { CacheStatus, TmdbPort } from '../../src/movies/tmdb.port';

/** A TMDB whose answers the test releases by hand, recording what was asked and how many ran at once. */
class GatedTmdb {
  readonly asked: number[] = [];
  running = 0;
  peak = 0;
  private readonly gates: Array<() => void> = [];
  constructor(private readonly answer: (tmdbId: number) => { cache: CacheStatus } | Error = () => ({ cache: 'MISS' })) {}

  async fetchMovieDetails(tmdbId: number): Promise<{ value: MovieDetails; cache: CacheStatus }> {
    this.asked.push(tmdbId);
    this.running += 1;
    this.peak = Math.max(this.peak, this.running);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    this.running -= 1;
    const answer = this.answer(tmdbId);
    if (answer instanceof Error) throw answer;
    return { value: { tmdbId, title: `Movie ${tmdbId}` } as MovieDetails, cache: answer.cache };
  }

  releaseAll(): void {
    this.gates.splice(0).forEach((release) => release());
  }
}

class MemorySnapshots {
  readonly saved: MovieSnapshot[] = [];
  async save(snapshots: readonly MovieSnapshot[]): Promise<void> {
    this.saved.push(...snapshots);
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Lets every queued refresh run to its end, releasing TMDB's answers as they are asked for. */
async function drain(tmdb: GatedTmdb, refresher: SnapshotRefresher): Promise<void> {
  let done = false;
  const idle = refresher.idle().then(() => {
    done = true;
  });
  for (let round = 0; round < 100 && !done; round += 1) {
    tmdb.releaseAll();
    await flush();
  }
  await idle;
}

describe('SnapshotRefresher', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  const make = (tmdb: GatedTmdb, snapshots = new MemorySnapshots(), options = { concurrency: 2, maxQueued: 5 }) => ({
    snapshots,
    refresher: new SnapshotRefresher(tmdb as unknown as TmdbPort, snapshots, {
      ...options,
      now: () => 1_000_000,
    }),
  });

  it('runs a bounded number at once, asks for each movie once while it is queued, and drops what exceeds the queue', async () => {
    const tmdb = new GatedTmdb();
    const { refresher, snapshots } = make(tmdb);
    refresher.refresh([1, 2, 3, 1, 2]);
    refresher.refresh([3, 4, 5, 6, 7]);
    await flush();
    expect(tmdb.running).toBe(2);
    await drain(tmdb, refresher);
    expect(tmdb.peak).toBe(2);
    expect(tmdb.asked).toEqual([1, 2, 3, 4, 5]);
    expect(snapshots.saved.map((snapshot) => [snapshot.details.tmdbId, snapshot.fetchedAt.getTime()])).toEqual(
      [1, 2, 3, 4, 5].map((id) => [id, 1_000_000]),
    );

    // Once done, a movie may be refreshed again.
    refresher.refresh([1]);
    await drain(tmdb, refresher);
    expect(tmdb.asked).toEqual([1, 2, 3, 4, 5, 1]);
  });

  it('keeps the old snapshot when TMDB fails or only has a last good copy', async () => {
    const tmdb = new GatedTmdb((tmdbId) => (tmdbId === 1 ? new UpstreamError('upstream_failed', 'tmdb', 'down') : { cache: 'STALE' }));
    const { refresher, snapshots } = make(tmdb);
    refresher.refresh([1, 2]);
    await drain(tmdb, refresher);
    expect(tmdb.asked).toEqual([1, 2]);
    expect(snapshots.saved).toEqual([]);
  });

  it('queues nothing more once the application shuts down, and waits for what runs', async () => {
    const tmdb = new GatedTmdb();
    const { refresher, snapshots } = make(tmdb);
    refresher.refresh([1, 2, 3, 4]);
    await flush();
    const shutdown = refresher.onApplicationShutdown();
    refresher.refresh([9]);
    await drain(tmdb, refresher);
    await shutdown;
    expect(tmdb.asked).toEqual([1, 2]);
    expect(snapshots.saved).toHaveLength(2);
  });
});
