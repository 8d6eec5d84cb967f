import { existsSync } from 'node:fs';
import { startTracingIfWanted } from '../src/infra/tracing/start-tracing';
import type { Settings } from '../src/config/settings';
import type { Logger } from 'pino';
import type { LocalEnvironment } from './local-environment';

/**
 * The development entry (`npm start`): the embedded PostgreSQL and the bundled
 * simulators stand in for every unset setting, then the service starts as in
 * production; once it listens, sample data goes in through its API, orders keep
 * arriving in the Airtable simulator, and a banner says where to look.
 */
if (existsSync('.env')) process.loadEnvFile('.env');
// Before the application's modules load, so the instrumentations can patch them; nothing is loaded when off.
const tracing = startTracingIfWanted(process.env);
/* eslint-disable @typescript-eslint/no-require-imports */
const { exitOnStartupFailure, serve } = require('../src/serve') as typeof import('../src/serve');
const { startLocalEnvironment } = require('./local-environment') as typeof import('./local-environment');
const { welcome } = require('./welcome') as typeof import('./welcome');
/* eslint-enable @typescript-eslint/no-require-imports */

let local: LocalEnvironment | undefined;
serve(async (env, log) => (local = await startLocalEnvironment(env, log)), {
  beforeExit: tracing?.shutdown,
  afterListen: (settings: Settings, log: Logger) => welcome(settings, local?.simulators ?? {}, log),
}).catch(exitOnStartupFailure);
