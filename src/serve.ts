import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { createApplication } from './app.factory';
import { SettingsError } from './config/environment';
import { loadSettings, Settings } from './config/settings';
import { createRootLogger, wantsPrettyLogs } from './infra/logging/root-logger';
import { nothingAround, StartSurroundings } from './config/surroundings';

export interface ServeOptions {
  /** Runs once the service has drained, before the process exits (tracing flushes its spans here). */
  beforeExit?: () => Promise<void>;
  /** Runs once the service listens, with its settings (development: sample data, the banner). */
  afterListen?: (settings: Settings, log: Logger) => Promise<void>;
}

/**
 * Validates the settings, starts what surrounds the service (nothing in the
 * product entry), then the service itself, and drains it on SIGTERM/SIGINT.
 */
export async function serve(startSurroundings: StartSurroundings = nothingAround, options: ServeOptions = {}): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const bootLog = createRootLogger('info', { pretty: wantsPrettyLogs() }).child({ context: 'Bootstrap' });
  const startedAt = process.hrtime.bigint();

  // Validate before starting anything, so a bad production config fails in one clear line.
  loadSettings(process.env);
  const around = await startSurroundings(process.env, (message) => bootLog.debug(message));
  const settings = loadSettings({ ...process.env, ...around.overrides });
  if (!settings.database.url) {
    await around.stop();
    throw new SettingsError([
      'DATABASE_URL is unset: set it, or run `npm start` for the development environment (embedded database and simulators)',
    ]);
  }
  for (const note of around.notes) bootLog.info(note);

  const app = await createApplication(settings);
  await app.listen({ port: settings.app.port, host: '0.0.0.0' });
  const readyMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  bootLog.info(
    { port: settings.app.port, readyMs: Math.round(readyMs) },
    `Cinemateca listening on http://localhost:${settings.app.port} (docs at /docs)`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    bootLog.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await app.close();
      await around.stop();
      await options.beforeExit?.();
      process.exit(0);
    } catch (error) {
      bootLog.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  if (options.afterListen) {
    await options.afterListen(settings, bootLog).catch((error: unknown) => bootLog.warn({ err: error }, 'after-start step failed'));
  }
}

/** One clear line on stderr and exit 1: settings problems without a stack, anything else with one. */
export function exitOnStartupFailure(error: unknown): never {
  if (error instanceof SettingsError) {
    process.stderr.write(`cinemateca: ${error.message}\n`);
  } else {
    process.stderr.write(`cinemateca: startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
