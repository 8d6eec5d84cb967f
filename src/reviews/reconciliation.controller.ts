import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { ProblemResponse } from '../common/http/problem.dto';
import { ReconciliationReport, ReconciliationService } from './reconciliation.service';

export class ReconciliationResponse implements ReconciliationReport {
  @ApiProperty({ example: 120, description: 'Reviews compared with their Notion pages' })
  checked: number;

  @ApiProperty({ example: 1, description: 'Pages restored from the trash or made anew for reviews without a live page' })
  recreated: number;

  @ApiProperty({ example: 2, description: 'Pages whose properties were set back to the review' })
  updated: number;

  @ApiProperty({ example: 1, description: 'Live pages moved to the trash: without a review, duplicates, or without a Review ID' })
  archived: number;

  @ApiProperty({
    example: 0,
    description: 'Repairs still owed (they failed again, or their review was being written); the next run retries them',
  })
  pending: number;
}

@ApiTags('reviews')
@Controller('reviews')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Post('reconcile')
  @Auth('ADMIN')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Compare PostgreSQL with Notion and repair the drift',
    description:
      'Pages missing or edited in Notion are restored from PostgreSQL; pages with no review (or duplicates) are moved to the trash; ' +
      'pending compensations are finished. Also runs every NOTION_RECONCILE_MINUTES. One run at a time across replicas.',
  })
  @ApiOkResponse({ type: ReconciliationResponse })
  @ApiConflictResponse({ description: 'A reconciliation is already running', type: ProblemResponse })
  @ApiServiceUnavailableResponse({ description: 'Notion is not configured or unavailable', type: ProblemResponse })
  reconcile(): Promise<ReconciliationResponse> {
    return this.reconciliation.reconcile();
  }
}
