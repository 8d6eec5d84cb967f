import type { DestinationStream, Logger } from 'pino';
import { infoStreamOf } from './root-logger';

export interface AccessEntry {
  reqId: string;
  method: string;
  /** The path, without the query (which may hold search terms or tokens). */
  url: string;
  route: string;
  status: number;
  ms: number;
}

/**
 * One JSON line per answered request: the line `log.info(entry, 'request')` would write, field for field, built
 * by hand and written straight to the root logger's info stream. Pino's general path (bindings, redaction of
 * credential paths, the multistream's level routing, a fresh ISO timestamp) cost more per request than any
 * other layer of the hot path, for a line whose fields are fixed and hold no credentials.
 */
export class AccessLog {
  private timeMs = 0;
  private timeText = '';

  constructor(
    private readonly out: DestinationStream,
    /** The logger's bindings as JSON members (`"service":"cinemateca"`), written after the time, as pino does. */
    private readonly bindings: string,
  ) {}

  /** The access log of a root logger, or undefined when its level leaves info lines out. */
  static of(log: Logger): AccessLog | undefined {
    const out = infoStreamOf(log);
    if (!out || !log.isLevelEnabled('info')) return undefined;
    return new AccessLog(out, JSON.stringify(log.bindings()).slice(1, -1));
  }

  write(entry: AccessEntry): void {
    this.out.write(
      `{"level":"info","time":"${this.now()}"${this.bindings ? `,${this.bindings}` : ''},"reqId":${JSON.stringify(entry.reqId)},` +
        `"method":${JSON.stringify(entry.method)},"url":${JSON.stringify(entry.url)},"route":${JSON.stringify(entry.route)},` +
        `"status":${entry.status},"ms":${entry.ms},"msg":"request"}\n`,
    );
  }

  /** The ISO time, formatted once per millisecond: under load many lines share one. */
  private now(): string {
    const ms = Date.now();
    if (ms !== this.timeMs) {
      this.timeMs = ms;
      this.timeText = new Date(ms).toISOString();
    }
    return this.timeText;
  }
}
