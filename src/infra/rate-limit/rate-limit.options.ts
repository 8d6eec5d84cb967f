/** The limit every route shares (RATE_LIMIT_PER_MINUTE), per caller and per route. */
export class RateLimitOptions {
  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}
}
