import pino, { Logger, LevelWithSilent } from 'pino';

/**
 * One pino logger for the process: JSON lines, info to stdout and warnings and
 * errors to stderr (operators and the contract expect upstream failures there),
 * credentials redacted.
 */
export function createRootLogger(level: LevelWithSilent): Logger {
  const streams = pino.multistream(
    [
      { level: 'trace', stream: pino.destination({ dest: 1, sync: false }) },
      { level: 'warn', stream: pino.destination({ dest: 2, sync: false }) },
    ],
    { dedupe: true },
  );
  return pino(
    {
      level,
      base: { service: 'cinemateca' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.password', 'password'],
        censor: '[redacted]',
      },
    },
    streams,
  );
}
