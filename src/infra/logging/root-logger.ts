import pino, { DestinationStream, Logger, LevelWithSilent } from 'pino';

export interface RootLoggerOptions {
  /** Human-readable lines instead of JSON (see `wantsPrettyLogs`). */
  pretty?: boolean;
}

/**
 * Pretty lines only for a person at a terminal in development: a container's
 * stdout is no TTY, so production (and anything collecting the logs) gets JSON.
 */
export function wantsPrettyLogs(env: Record<string, string | undefined> = process.env, stdoutIsTty = process.stdout.isTTY === true): boolean {
  return stdoutIsTty && env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test';
}

/**
 * One pino logger for the process: JSON lines, info to stdout and warnings and
 * errors to stderr (operators and the contract expect upstream failures there),
 * credentials redacted. With `pretty`, the same two streams go through
 * pino-pretty, which is loaded only then: the JSON path never requires it.
 */
export function createRootLogger(level: LevelWithSilent, options: RootLoggerOptions = {}): Logger {
  const streams = pino.multistream(
    [
      { level: 'trace', stream: options.pretty ? prettyStream(1) : pino.destination({ dest: 1, sync: false }) },
      { level: 'warn', stream: options.pretty ? prettyStream(2) : pino.destination({ dest: 2, sync: false }) },
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

function prettyStream(fd: 1 | 2): DestinationStream {
  // Required here, not imported: the JSON path (every production process) never loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  return pretty({
    destination: fd,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    sync: true,
  });
}
