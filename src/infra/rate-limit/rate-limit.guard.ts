import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { clientKey } from '../../common/http/client-key';
import { PerRoute } from '../../common/http/per-route';
import { RateDecision, SharedRateCounter } from './shared-rate-counter';
import { RateLimitOptions } from './rate-limit.options';

/** What `@SkipThrottle()` (from @nestjs/throttler) marks; the health routes carry it. */
const SKIP = 'THROTTLER:SKIP' + 'default';
const MESSAGE = 'Too many requests; slow down and retry after the number of seconds in Retry-After.';

interface RouteRule {
  skip: boolean;
  /** Counters are per route and per caller, as they were under @nestjs/throttler. */
  keyPrefix: string;
}

/**
 * Limits per user when authenticated (the auth guard runs first), else per client IP (an IPv6 client by its /64).
 * The route's rule is read once per route, and a hit the replica's lease covers is decided without awaiting anything.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly rules = new PerRoute<RouteRule>((handler, type) => ({
    skip: Boolean(this.reflector.getAllAndOverride<boolean>(SKIP, [handler, type])),
    keyPrefix: `${type.name}.${handler.name}:`,
  }));

  constructor(
    private readonly reflector: Reflector,
    private readonly counter: SharedRateCounter,
    private readonly options: RateLimitOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const rule = this.rules.of(context);
    if (rule.skip) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    const reply = http.getResponse<FastifyReply>();
    const tracker = request.user ? `user:${request.user.id}` : `ip:${clientKey(request.ip)}`;
    const decision = this.counter.hit(rule.keyPrefix + tracker, this.options.limit, this.options.windowMs);
    return decision instanceof Promise ? decision.then((settled) => this.apply(settled, reply)) : this.apply(decision, reply);
  }

  private apply(decision: RateDecision, reply: FastifyReply): boolean {
    if (!decision.allowed) {
      reply.header('Retry-After', decision.resetSeconds);
      throw new ThrottlerException(MESSAGE);
    }
    reply.header('X-RateLimit-Limit', this.options.limit);
    reply.header('X-RateLimit-Remaining', decision.remaining);
    reply.header('X-RateLimit-Reset', decision.resetSeconds);
    return true;
  }
}
