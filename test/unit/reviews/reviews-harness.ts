import { INestApplicationContext } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../../src/common/auth/auth-user';
import { SettingsModule } from '../../../src/config/config.module';
import { loadSettings } from '../../../src/config/settings';
import { AppCacheModule } from '../../../src/infra/cache/app-cache.module';
import { DatabaseModule } from '../../../src/infra/database/database.module';
import { MetricsModule } from '../../../src/infra/metrics/metrics.module';
import { RedisModule } from '../../../src/infra/redis/redis.module';
import { NotionPort } from '../../../src/notion/notion.port';
import { PortBindingsModule } from '../../../src/port-bindings.module';
import { ReviewsModule } from '../../../src/reviews/reviews.module';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { FakeNotion } from './fake-notion';

/**
 * ReviewsModule as the application wires it (with the port bindings movies needs), on a throw-away PostgreSQL migrated to the current schema,
 * with only NotionPort replaced by the in-memory FakeNotion. No HTTP, no Redis (the in-process cache).
 */
export interface ReviewsHarness {
  readonly module: INestApplicationContext;
  readonly notion: FakeNotion;
  readonly db: DataSource;
  get<T>(type: abstract new (...args: never[]) => T): T;
  /** A user of the database, as the auth guard would pass them to the service. */
  makeUser(name: string): Promise<AuthUser>;
  makeMovie(title: string): Promise<number>;
  reviewRows(): Promise<Array<{ id: number; comment: string; notion_page_id: string | null }>>;
  pendingSyncs(): Promise<Array<{ review_id: number; page_ids: string[]; reason: string; attempts: number }>>;
  /**
   * Every later commit that inserts, updates or deletes a review with this comment fails: a deferred
   * constraint trigger, so the failure comes at COMMIT, after Notion was written.
   */
  refuseCommitsOf(comment: string): Promise<void>;
  acceptAllCommits(): Promise<void>;
  close(): Promise<void>;
}

export async function startReviewsHarness(): Promise<ReviewsHarness> {
  const database: TestDatabase = await createTestDatabase();
  const settings = loadSettings({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, NOTION_RECONCILE_MINUTES: '0' });
  const notion = new FakeNotion();
  let module: INestApplicationContext;
  try {
    const built = await Test.createTestingModule({
      imports: [
        SettingsModule.forRoot(settings),
        ScheduleModule.forRoot(),
        RedisModule,
        AppCacheModule,
        MetricsModule,
        DatabaseModule,
        PortBindingsModule,
        ReviewsModule,
      ],
    })
      .overrideProvider(NotionPort)
      .useValue(notion)
      .compile();
    // The failures these tests provoke are logged as errors by design; the assertions say what matters.
    built.useLogger(false);
    module = await built.init();
  } catch (error) {
    await database.drop();
    throw error;
  }
  const db = module.get(DataSource);
  await installCommitRefusal(db);
  let users = 0;
  return {
    module,
    notion,
    db,
    get: (type) => module.get(type),
    async makeUser(name) {
      users += 1;
      const [row] = (await db.query(`INSERT INTO users (username, email) VALUES ($1, $2) RETURNING id`, [
        name,
        `${name}.${users}@example.test`,
      ])) as { id: number }[];
      return { id: row.id, username: name, role: 'USER' };
    },
    async makeMovie(title) {
      const [row] = (await db.query(`INSERT INTO catalog_movies (title, year) VALUES ($1, 1999) RETURNING id`, [title])) as {
        id: number;
      }[];
      return row.id;
    },
    reviewRows: () => db.query(`SELECT id, comment, notion_page_id FROM reviews ORDER BY id`),
    pendingSyncs: () => db.query(`SELECT review_id, page_ids, reason, attempts FROM notion_pending_syncs ORDER BY review_id`),
    async refuseCommitsOf(comment) {
      await db.query(`INSERT INTO test_refused_comments (comment) VALUES ($1) ON CONFLICT DO NOTHING`, [comment]);
    },
    async acceptAllCommits() {
      await db.query(`DELETE FROM test_refused_comments`);
    },
    async close() {
      await module.close();
      await database.drop();
    },
  };
}

async function installCommitRefusal(db: DataSource): Promise<void> {
  await db.query(`CREATE TABLE test_refused_comments (comment text PRIMARY KEY)`);
  await db.query(`
    CREATE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM test_refused_comments WHERE comment = CASE WHEN TG_OP = 'DELETE' THEN OLD.comment ELSE NEW.comment END) THEN
        RAISE EXCEPTION 'commit refused by the test' USING ERRCODE = '40001';
      END IF;
      RETURN NULL;
    END $$`);
  await db.query(`CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER INSERT OR UPDATE OR DELETE ON reviews
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_commit()`);
}
