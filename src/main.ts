import { exitOnStartupFailure, serve } from './serve';

/** The product entry (`node dist/src/main.js`, what the image runs): every setting comes from the environment. */
serve().catch(exitOnStartupFailure);
