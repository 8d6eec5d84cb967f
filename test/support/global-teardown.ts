export default async function globalTeardown(): Promise<void> {
  const database = (globalThis as { __embeddedDatabase?: { stop(): Promise<void> } }).__embeddedDatabase;
  await database?.stop();
}
