import { existsSync } from 'node:fs';
import { startTracingIfWanted } from './infra/tracing/start-tracing';

/** The product entry (`node dist/src/main.js`, what the image runs): every setting comes from the environment. */
if (existsSync('.env')) process.loadEnvFile('.env');
// Before the application's modules load, so the instrumentations can patch them; nothing is loaded when off.
const tracing = startTracingIfWanted(process.env);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exitOnStartupFailure, serve } = require('./serve') as typeof import('./serve');
serve(undefined, { beforeExit: tracing?.shutdown }).catch(exitOnStartupFailure);
