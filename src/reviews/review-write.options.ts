import { Injectable } from '@nestjs/common';
import { WriteLimits } from './write-slots';

/**
 * How many review writes a process admits. Not environment settings: defaults sized to Notion's pace (three
 * requests a second per integration, one or two per write), a provider that tests can tune. Read at each
 * admission, so changes apply at once.
 */
@Injectable()
export class ReviewWriteOptions implements WriteLimits {
  /** Transactions held open while Notion answers; the rest of the connection pool stays free for reads. */
  slots = 8;
  /** Queued writes: 8 running and 32 waiting drain in about 15 s at Notion's pace, about what a client waits. */
  queue = 32;
  /** One user's writes running or waiting: a burst from one user leaves half the slots and the queue to everyone else. */
  perUser = 4;
}
