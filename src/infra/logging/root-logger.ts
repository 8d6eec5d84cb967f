import pino, { DestinationStream, Logger, LevelWithSilent } from 'pino';

export interface RootLoggerOptions {
  /** Human-readable lines instead of JSON (see `wantsPrettyLogs`). */
  pretty?: boolean;
  /** Where info lines go instead of stdout (tests). */
  stdout?: DestinationStream;
}

/** Each root logger's info stream, for the access log that writes its lines there itself (see AccessLog). */
const infoStreams = new WeakMap<Logger, DestinationStream>();

export function infoStreamOf(log: Logger): DestinationStream | undefined {
  return infoStreams.get(log);
}

/**
 * Pretty lines only for a person at a terminal in development: a container's
 * stdout is no TTY, so production (and anything collecting the logs) gets JSON.
 */
export function wantsPrettyLogs(
  env: Record<string, string | undefined> = process.env,
  stdoutIsTty = process.stdout.isTTY === true,
): boolean {
  return stdoutIsTty && env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test';
}

/**
 * One pino logger for the process: JSON lines, info to stdout and warnings and
 * errors to stderr (operators and the contract expect upstream failures there),
 * credentials redacted. With `pretty`, the same two streams go through
 * pino-pretty, which is loaded only then: the JSON path never requires it.
 */
export function createRootLogger(level: LevelWithSilent, options: RootLoggerOptions = {}): Logger {
  const info = options.stdout ?? (options.pretty ? prettyStream(1) : bufferedStdout());
  const streams = pino.multistream(
    [
      { level: 'trace', stream: info },
      { level: 'warn', stream: options.pretty ? prettyStream(2) : pino.destination({ dest: 2, sync: false }) },
    ],
    { dedupe: true },
  );
  const log = pino(
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
  infoStreams.set(log, info);
  return log;
}

/** Lines wait for this many bytes (about 15 access-log lines), or for FLUSH_EVERY_MS, before one write. */
const STDOUT_BUFFER_BYTES = 4096;
const FLUSH_EVERY_MS = 1000;

/**
 * stdout written in batches: one asynchronous write per line (the default) costs a thread-pool round trip per
 * request, which made the access log the heaviest layer of the hot path. A quiet service still shows its lines
 * within FLUSH_EVERY_MS, and pino flushes what is buffered when the process exits. Warnings and errors
 * (stderr) are still written at once.
 */
function bufferedStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: STDOUT_BUFFER_BYTES, periodicFlush: FLUSH_EVERY_MS });
}

function prettyStream(fd: 1 | 2): DestinationStream {
  // Required here, not imported: the JSON path (every production process) never loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
  const format = prettyFactory({
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
  const out = pino.destination({ dest: fd, sync: true });
  return { write: (line: string) => out.write(format(compactAccessLine(JSON.parse(line) as Record<string, unknown>))) };
}

/** The access log's fields folded into its message, so a request reads as one short line at a terminal. */
export function compactAccessLine(entry: Record<string, unknown>): Record<string, unknown> {
  if (entry.msg !== 'request' || typeof entry.method !== 'string') return entry;
  const { method, url, status, ms, route: _route, reqId: _reqId, ...rest } = entry;
  return { ...rest, msg: `${String(method)} ${String(url)} ${String(status)} ${String(ms)} ms` };
}
