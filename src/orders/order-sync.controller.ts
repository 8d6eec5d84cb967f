import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth } from '../common/auth/auth.decorators';
import { PagedList } from '../common/http/page-links';
import { PageQuery } from '../common/http/pagination';
import { ProblemResponse } from '../common/http/problem.dto';
import { LOCATION_HEADER } from '../common/http/response-headers';
import { API_PREFIX } from '../infra/http/swagger';
import { SyncRunIdParams } from './dto/order-params';
import { StartSyncQuery, SyncRunPage, SyncRunResponse } from './dto/sync.dto';
import { OrderSyncService } from './order-sync.service';

@ApiTags('orders')
@Auth('ADMIN')
@Controller('orders/sync')
export class OrderSyncController {
  constructor(private readonly sync: OrderSyncService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Import orders from Airtable now, waiting up to ?wait= seconds for the run' })
  @ApiOkResponse({ description: 'The run finished (succeeded or failed) within the wait', type: SyncRunResponse })
  @ApiAcceptedResponse({
    description: 'The run is still going; Location names it',
    type: SyncRunResponse,
    headers: { Location: LOCATION_HEADER },
  })
  @ApiBadRequestResponse({
    description: 'wait outside 0..25, full or allowMassDelete not true/false, or allowMassDelete without full=true',
    type: ProblemResponse,
  })
  @ApiConflictResponse({ description: 'An import is already running on some replica; `runId` names it', type: ProblemResponse })
  @ApiServiceUnavailableResponse({ description: 'Airtable is not configured on this server', type: ProblemResponse })
  async start(@Query() query: StartSyncQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<SyncRunResponse> {
    const { run, finished } = await this.sync.startAndWait('api', query.wait, {
      fullPass: query.full,
      allowMassDelete: query.allowMassDelete,
    });
    if (!finished) reply.status(202).header('location', `/${API_PREFIX}/orders/sync/runs/${run.id}`);
    return SyncRunResponse.from(run);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Recent Airtable import runs, newest first' })
  @PagedList(SyncRunPage)
  @ApiBadRequestResponse({ description: 'Invalid paging', type: ProblemResponse })
  async list(@Query() query: PageQuery): Promise<SyncRunPage> {
    const page = await this.sync.listRuns(query.page, query.pageSize);
    return { ...page, items: page.items.map(SyncRunResponse.from) };
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One Airtable import run, with its figures so far while it runs' })
  @ApiOkResponse({ type: SyncRunResponse })
  @ApiBadRequestResponse({ description: 'Not a run id', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No such run', type: ProblemResponse })
  async get(@Param() params: SyncRunIdParams): Promise<SyncRunResponse> {
    return SyncRunResponse.from(await this.sync.getRun(params.id));
  }
}
