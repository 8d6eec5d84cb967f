import type { Client } from 'pg';

/** A digest of every table's content, to prove that a rejected request changed nothing. */
export async function databaseFingerprint(client: Client): Promise<string> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const digests: string[] = [];
  for (const { name } of tables) {
    const { rows } = await client.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${name}" t`);
    digests.push(`${name}:${rows[0].digest}`);
  }
  return digests.join(',');
}
