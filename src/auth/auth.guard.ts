import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, REQUIRED_ROLE } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error';
import { clientKey } from '../common/http/client-key';
import { PerRoute } from '../common/http/per-route';
import type { Role } from '../config/settings';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { Authenticator } from './authenticator';

interface RouteRule {
  isPublic: boolean;
  requiredRole?: Role;
}

/**
 * Registered globally: every route needs a token unless marked @Public(), and a role where @Auth('ADMIN') says so.
 * Failed authentications are counted per client (AuthFailureLimiter); past the limit the client gets 429.
 * A route's rule is read from its decorators once, not on every request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly rules = new PerRoute<RouteRule>((handler, type) => ({
    isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, type])),
    requiredRole: this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [handler, type]),
  }));

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.rules.of(context);
    if (rule.isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    // Before any other work: a client past its failed authentications is refused without its token being looked at.
    const client = clientKey(request.ip);
    this.failures.assertNotBlocked(client);
    const user = await this.authenticator.authenticate(request.headers.authorization).catch(async (error: unknown) => {
      if (error instanceof UnauthenticatedError) await this.failures.recordFailure(client);
      throw error;
    });
    request.user = user;
    if (rule.requiredRole && user.role !== rule.requiredRole) {
      throw new ForbiddenError('RoleRequired', `This action needs the ${rule.requiredRole} role.`);
    }
    return true;
  }
}
