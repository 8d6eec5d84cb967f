import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders imported from Airtable (keyed by the Airtable record id) and the log of
 * import runs. Every list filter and sort has an index that serves it at a
 * million rows; customer substring search uses pg_trgm when the server has it.
 */
export class CreateOrders1764000003000 implements MigrationInterface {
  name = 'CreateOrders1764000003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. A server without it
    // still works, customer search then scans.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'pg_trgm not installed (insufficient privilege): customer search will not be indexed';
      END
      $$`);

    // Columns other than the key and the version are nullable: a value Airtable holds that does not fit
    // (an unknown status, a malformed date) is stored as NULL rather than invented. Record ids compare byte-wise
    // (COLLATE "C"): cheaper, and the tie-break order of every list is the same whatever the server's locale.
    await queryRunner.query(`
      CREATE TABLE orders (
        record_id varchar(32) COLLATE "C" PRIMARY KEY,
        order_id varchar(100),
        customer varchar(200),
        status varchar(16) CHECK (status IN ('Pending', 'Processing', 'Sent', 'Delivered', 'Cancelled')),
        priority varchar(8) CHECK (priority IN ('Low', 'Medium', 'High')),
        total numeric(14, 2) CHECK (total >= 0),
        order_date date,
        airtable_modified_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // record_id closes every index so that pagination in any sort order is stable. NULLS FIRST: an empty value
    // counts as the smallest, so descending lists (the default, newest first) end with the orders that lack it.
    // The order-date index also carries what the summary aggregates, for index-only scans.
    await queryRunner.query(
      `CREATE INDEX orders_order_date_idx ON orders (order_date NULLS FIRST, record_id) INCLUDE (status, priority, total)`,
    );
    await queryRunner.query(`CREATE INDEX orders_total_idx ON orders (total NULLS FIRST, record_id)`);
    await queryRunner.query(`CREATE INDEX orders_customer_idx ON orders (customer NULLS FIRST, record_id)`);
    await queryRunner.query(`CREATE INDEX orders_order_id_idx ON orders (order_id NULLS FIRST, record_id)`);
    await queryRunner.query(
      `CREATE INDEX orders_status_order_date_idx ON orders (status, order_date NULLS FIRST, record_id) INCLUDE (priority, total)`,
    );
    await queryRunner.query(
      `CREATE INDEX orders_priority_order_date_idx ON orders (priority, order_date NULLS FIRST, record_id) INCLUDE (status, total)`,
    );
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
          CREATE INDEX orders_customer_trgm_idx ON orders USING gin (customer gin_trgm_ops);
        END IF;
      END
      $$`);

    // Counts and totals per (day, status, priority), kept exact by statement triggers in the same transaction
    // as the change: the summary and the list's totalItems read a few thousand rows instead of a million.
    // `version` moves with every change, so results computed from `orders` itself can be cached by version.
    await queryRunner.query(`
      CREATE TABLE order_stats (
        order_date date,
        status varchar(16),
        priority varchar(8),
        orders bigint NOT NULL,
        total numeric(18, 2) NOT NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX order_stats_key ON order_stats (coalesce(order_date, '-infinity'::date), coalesce(status, ''), coalesce(priority, ''))`,
    );
    await queryRunner.query(`CREATE TABLE order_data_version (version bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO order_data_version (version) VALUES (0)`);
    // Each event has its own transition tables, hence three statements. Statement triggers see only the rows
    // an INSERT ... ON CONFLICT really inserted or updated: unchanged orders cost nothing.
    const apply = (rows: string) => `
      INSERT INTO order_stats AS s (order_date, status, priority, orders, total)
      SELECT order_date, status, priority, sum(sign), coalesce(sum(sign * total), 0) FROM (${rows}) AS changes
      GROUP BY order_date, status, priority
      ON CONFLICT (coalesce(order_date, '-infinity'::date), coalesce(status, ''), coalesce(priority, ''))
      DO UPDATE SET orders = s.orders + EXCLUDED.orders, total = s.total + EXCLUDED.total`;
    const added = `SELECT order_date, status, priority, total, 1 AS sign FROM new_rows`;
    const removed = `SELECT order_date, status, priority, total, -1 AS sign FROM old_rows`;
    await queryRunner.query(`
      CREATE FUNCTION order_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Statement triggers also fire when nothing changed (an upsert of unchanged orders): skip those.
        IF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
        ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
          RETURN NULL;
        END IF;
        -- One writer of the stats at a time (sync pages, edits), so their rows are never locked in two orders.
        PERFORM pg_advisory_xact_lock(7301202612);
        IF TG_OP = 'INSERT' THEN
          ${apply(added)};
        ELSIF TG_OP = 'UPDATE' THEN
          ${apply(`${added} UNION ALL ${removed}`)};
        ELSE
          ${apply(removed)};
        END IF;
        UPDATE order_data_version SET version = version + 1;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER orders_stats_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION order_stats_apply()`);
    await queryRunner.query(`
      CREATE TRIGGER orders_stats_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION order_stats_apply()`);
    await queryRunner.query(`
      CREATE TRIGGER orders_stats_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION order_stats_apply()`);

    await queryRunner.query(`
      CREATE TABLE order_sync_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        trigger varchar(16) NOT NULL CHECK (trigger IN ('startup', 'schedule', 'api', 'cli')),
        full_pass boolean NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        modified_since timestamptz,
        high_water_mark timestamptz,
        fetched integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        deleted integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        incomplete integer NOT NULL DEFAULT 0,
        error text
      )`);
    await queryRunner.query(`CREATE INDEX order_sync_runs_status_id_idx ON order_sync_runs (status, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_sync_runs`);
    await queryRunner.query(`DROP TABLE orders`);
    await queryRunner.query(`DROP FUNCTION order_stats_apply()`);
    await queryRunner.query(`DROP TABLE order_data_version`);
    await queryRunner.query(`DROP TABLE order_stats`);
  }
}
