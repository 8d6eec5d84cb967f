import { exitOnStartupFailure, serve } from '../src/serve';
import { startLocalEnvironment } from './local-environment';

/**
 * The development entry (`npm start`): the embedded PostgreSQL and the bundled
 * simulators stand in for every unset setting, then the service starts as in production.
 */
serve(startLocalEnvironment).catch(exitOnStartupFailure);
