import { Worker } from 'node:worker_threads';
import { OverloadedError } from '../common/errors/domain-error';

type Job = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string };

interface Pending {
  job: Job;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending;
}

/**
 * Plain JavaScript run by every worker: bcryptjs loaded by its resolved path (no
 * TypeScript or bundler between), one job at a time, answers posted back.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', (job) => {
  try {
    const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});`;

/** Seconds a refused caller is asked to wait: a queue this long drains in well under that. */
const RETRY_AFTER_SECONDS = 1;

/**
 * bcrypt on a few worker threads, so a burst of logins costs those threads and
 * never the event loop that serves every other request. Jobs wait in a
 * bounded queue; when it is full the caller gets OverloadedError (503 with
 * Retry-After) at once, rather than a growing backlog and timeouts. Workers
 * start on first use and are replaced if one dies.
 */
export class BcryptPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly maxQueue: number,
  ) {}

  hash(password: string, cost: number): Promise<string> {
    return this.run({ op: 'hash', password, cost }) as Promise<string>;
  }

  compare(password: string, hash: string): Promise<boolean> {
    return this.run({ op: 'compare', password, hash }) as Promise<boolean>;
  }

  /** Jobs waiting for a worker (not counting those running). */
  get queued(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const pending of [...this.queue.splice(0), ...slots.flatMap((slot) => slot.current ?? [])]) {
      pending.reject(new Error('the password hasher is shutting down'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private run(job: Job): Promise<string | boolean> {
    if (this.closed) return Promise.reject(new Error('the password hasher is shut down'));
    return new Promise((resolve, reject) => {
      const pending = { job, resolve, reject };
      const idle = this.idleSlot();
      if (idle) return this.start(idle, pending);
      if (this.queue.length >= this.maxQueue) {
        return reject(
          new OverloadedError(
            'PasswordHasherBusy',
            'Too many logins are being checked right now; retry after the number of seconds in Retry-After.',
            RETRY_AFTER_SECONDS,
          ),
        );
      }
      this.queue.push(pending);
    });
  }

  private idleSlot(): Slot | undefined {
    const idle = this.slots.find((slot) => !slot.current);
    if (idle) return idle;
    if (this.slots.length >= this.size) return undefined;
    const slot = this.spawn();
    this.slots.push(slot);
    return slot;
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath: require.resolve('bcryptjs') } });
    // Idle workers must not keep a finished process (a CLI, a test) alive.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (message: { result?: string | boolean; error?: string }) => {
      const pending = slot.current;
      slot.current = undefined;
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(message.result as string | boolean);
      this.next(slot);
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => this.replace(slot, new Error(`password hashing worker exited with code ${code}`)));
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    slot.current = pending;
    slot.worker.postMessage(pending.job);
  }

  private next(slot: Slot): void {
    const pending = this.queue.shift();
    if (pending) this.start(slot, pending);
  }

  /** A dead worker fails its job and gives way to a fresh one, which takes the next job waiting. */
  private replace(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.current?.reject(error);
    slot.current = undefined;
    if (this.closed) return;
    const pending = this.queue.shift();
    if (pending) {
      const fresh = this.spawn();
      this.slots.push(fresh);
      this.start(fresh, pending);
    }
  }
}
