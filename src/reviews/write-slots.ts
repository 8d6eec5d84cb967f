/**
 * At most `size` review writes hold a database transaction at once. Each write keeps its transaction open
 * while Notion answers, and Notion's pace is three requests a second, so a burst of writes must queue here,
 * not in the connection pool.
 */
export class WriteSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
