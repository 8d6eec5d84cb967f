import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, REQUIRED_ROLE } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error';
import { clientKey } from '../common/http/client-key';
import type { Role } from '../config/settings';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { Authenticator } from './authenticator';

/**
 * Registered globally: every route needs a token unless marked @Public(), and a role where @Auth('ADMIN') says so.
 * Failed authentications are counted per client (AuthFailureLimiter); past the limit the client gets 429.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    // Before any other work: a client past its failed authentications is refused without its token being looked at.
    const client = clientKey(request.ip);
    this.failures.assertNotBlocked(client);
    const user = await this.authenticator.authenticate(request.headers.authorization).catch(async (error: unknown) => {
      if (error instanceof UnauthenticatedError) await this.failures.recordFailure(client);
      throw error;
    });
    request.user = user;
    const requiredRole = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (requiredRole && user.role !== requiredRole) {
      throw new ForbiddenError('RoleRequired', `This action needs the ${requiredRole} role.`);
    }
    return true;
  }
}
