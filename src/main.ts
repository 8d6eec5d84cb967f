import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createApplication } from './app.factory';
import { SettingsError } from './config/environment';
import { loadSettings } from './config/settings';
import { startLocalEnvironment } from './dev/local-environment';
import { createRootLogger } from './infra/logging/root-logger';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const bootLog = createRootLogger('info').child({ context: 'Bootstrap' });
  const startedAt = process.hrtime.bigint();

  // Validate before starting anything, so a bad production config fails in one clear line.
  loadSettings(process.env);
  const local = await startLocalEnvironment(process.env, (message) => bootLog.debug(message));
  const settings = loadSettings({ ...process.env, ...local.overrides });
  for (const note of local.notes) bootLog.info(note);

  const app = await createApplication(settings);
  await app.listen({ port: settings.app.port, host: '0.0.0.0' });
  const readyMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  bootLog.info({ port: settings.app.port, readyMs: Math.round(readyMs) }, `Cinemateca listening on http://localhost:${settings.app.port} (docs at /docs)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    bootLog.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await app.close();
      await local.stop();
      process.exit(0);
    } catch (error) {
      bootLog.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

bootstrap().catch((error: unknown) => {
  if (error instanceof SettingsError) {
    process.stderr.write(`cinemateca: ${error.message}\n`);
  } else {
    process.stderr.write(`cinemateca: startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
