import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { Settings } from '../config/settings';
import { BcryptPool } from './bcrypt-pool';

/** bcrypt cost: about 70 ms per hash on this class of machine, slow enough to resist offline guessing. */
const COST = 11;

/**
 * Hashes and checks passwords on the worker pool (PASSWORD_HASH_WORKERS threads,
 * PASSWORD_HASH_QUEUE waiting); a full queue throws OverloadedError (503).
 */
@Injectable()
export class PasswordHasher implements OnModuleInit, OnApplicationShutdown {
  private readonly pool: BcryptPool;
  /** A real hash of a random password, compared against when the user is unknown, so timing does not tell. */
  private decoy?: Promise<string>;

  constructor(config: ConfigService<Settings, true>) {
    const { passwordHashWorkers, passwordHashQueue } = config.get('auth', { infer: true });
    this.pool = new BcryptPool(passwordHashWorkers, passwordHashQueue);
  }

  /** The decoy is ready before the first login, so an unknown user's first attempt costs one bcrypt too. */
  onModuleInit(): void {
    this.decoyHash().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }

  hash(password: string): Promise<string> {
    return this.pool.hash(password, COST);
  }

  /** Always costs one bcrypt comparison, whether or not there is a hash to compare with. */
  async verify(password: string, hash: string | null): Promise<boolean> {
    const matches = await this.pool.compare(password, hash ?? (await this.decoyHash()));
    return hash !== null && matches;
  }

  /** Made once, on the pool; a failure is retried by the next caller. */
  private decoyHash(): Promise<string> {
    this.decoy ??= this.pool.hash(`decoy-${randomBytes(16).toString('hex')}`, COST).catch((error: Error) => {
      this.decoy = undefined;
      throw error;
    });
    return this.decoy;
  }
}
