import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { ProblemResponse } from '../../common/http/problem.dto';
import { AppCache } from '../cache/app-cache';
import { ReadinessCache } from './readiness-cache';
import { Unthrottled } from '../rate-limit/unthrottled';

class DependencyUnavailableError extends DomainError {
  readonly kind = 'upstream_unavailable';
}

@ApiTags('operations')
@Public()
@Unthrottled()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly cache: AppCache,
    private readonly readiness: ReadinessCache,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and serving' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database answers; the cache state is reported (a Redis outage degrades, it does not fail)',
    description: 'The answer (up or down) is computed at most once a second per replica and served to every caller in that second.',
  })
  @ApiOkResponse({
    schema: {
      example: { status: 'ok', info: { database: { status: 'up' }, cache: { status: 'up', backend: 'redis', state: 'connected' } } },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable', type: ProblemResponse })
  ready(): Promise<HealthCheckResult> {
    return this.readiness.get(() => this.check());
  }

  private async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 1500 }), () => this.checkCache()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {}).join(', ') || 'a dependency';
      throw new DependencyUnavailableError('NotReady', `Not ready: ${down} unavailable.`, { checks: result.details });
    }
  }

  private async checkCache() {
    const session = this.indicators.check('cache');
    const backend = this.cache.backend;
    const state =
      backend === 'memory' ? 'in-process' : (await this.cache.healthy()) ? 'connected' : 'degraded (Redis unreachable, serving uncached)';
    return session.up({ backend, state });
  }
}
