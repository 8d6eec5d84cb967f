import { RateLimitedError } from '../common/errors/domain-error';
import { WindowCounter } from '../infra/rate-limit/window-counter';

const WINDOW_MS = 15 * 60_000;
/** Failures for one account from one client within the window before that client is refused for it. */
export const LOGIN_FAILURES_PER_CLIENT = 10;
/** Failures for one account from all clients together before everyone is refused for it. */
export const LOGIN_FAILURES_PER_ACCOUNT = 100;

/** One login attempt, counted before the password is checked; see LoginLimiter. */
export interface LoginAttempt {
  /** The password was right: this client's failures for the account are forgotten and the attempt given back. */
  succeeded(): Promise<void>;
  /** The password was never checked (the hasher was busy): the attempt is given back. */
  cancelled(): Promise<void>;
}

/**
 * Bounds password guessing per account: within 15 minutes, 10 failures from
 * one client block that client for the account, 100 from all clients block
 * everyone (a distributed guess), and one client cannot lock others out
 * cheaply. Counted in Redis, shared by the replicas. An attempt is counted
 * before bcrypt runs, so concurrent guesses cannot all slip past the check;
 * a success gives it back and clears only this client's count.
 */
export class LoginLimiter {
  constructor(private readonly counter: WindowCounter) {}

  /** `account` names the user (by id when known, else by the name typed) the same way for every spelling of it. */
  async begin(client: string, account: string): Promise<LoginAttempt> {
    const clientKey = `login-failures:client:${client}:${account}`;
    const accountKey = `login-failures:account:${account}`;
    // The account is counted only for attempts this client may make: one client alone can never reach the account's limit.
    const [perClient] = await this.counter.hit([clientKey], WINDOW_MS);
    if (perClient.count > LOGIN_FAILURES_PER_CLIENT) throw tooMany(perClient.secondsLeft);
    const [perAccount] = await this.counter.hit([accountKey], WINDOW_MS);
    if (perAccount.count > LOGIN_FAILURES_PER_ACCOUNT) {
      await this.counter.hit([clientKey], WINDOW_MS, -1);
      throw tooMany(perAccount.secondsLeft);
    }
    return {
      succeeded: async () => {
        await this.counter.reset(clientKey);
        await this.counter.hit([accountKey], WINDOW_MS, -1);
      },
      cancelled: async () => {
        await this.counter.hit([clientKey, accountKey], WINDOW_MS, -1);
      },
    };
  }
}

function tooMany(seconds: number): RateLimitedError {
  return new RateLimitedError(
    'TooManyLoginFailures',
    'Too many failed logins for this account; retry after the number of seconds in Retry-After.',
    seconds,
  );
}
