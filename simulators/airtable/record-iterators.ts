import { randomAirtableId } from './order-table';

interface RecordIterator {
  readonly id: string;
  /** The matching records, in order, as they were when the listing started. */
  readonly recordIds: readonly string[];
  readonly resumeIndexByOffset: Map<string, number>;
  expiresAt: number;
}

/**
 * Server-side list iterators behind Airtable's opaque `offset` tokens
 * ("itr…/rec…"). They time out after a period without use.
 */
export class RecordIterators {
  private readonly live = new Map<string, RecordIterator>();

  constructor(
    private readonly ttlMs: number,
    private readonly random: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  start(recordIds: readonly string[]): RecordIterator {
    this.dropExpired();
    const iterator: RecordIterator = {
      id: randomAirtableId('itr', this.random),
      recordIds,
      resumeIndexByOffset: new Map(),
      expiresAt: this.now() + this.ttlMs,
    };
    this.live.set(iterator.id, iterator);
    return iterator;
  }

  /** The token for the page that starts at `resumeIndex`; the same token can be asked for again (client retries). */
  offsetFor(iterator: RecordIterator, resumeIndex: number, lastRecordId: string): string {
    const offset = `${iterator.id}/${lastRecordId}`;
    iterator.resumeIndexByOffset.set(offset, resumeIndex);
    return offset;
  }

  resume(offset: string): { iterator: RecordIterator; resumeIndex: number } | undefined {
    const iterator = this.live.get(offset.split('/')[0]);
    if (!iterator) return undefined;
    if (iterator.expiresAt <= this.now()) {
      this.live.delete(iterator.id);
      return undefined;
    }
    const resumeIndex = iterator.resumeIndexByOffset.get(offset);
    if (resumeIndex === undefined) return undefined;
    iterator.expiresAt = this.now() + this.ttlMs;
    return { iterator, resumeIndex };
  }

  expireAll(): void {
    this.live.clear();
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, iterator] of this.live) if (iterator.expiresAt <= now) this.live.delete(id);
  }
}
