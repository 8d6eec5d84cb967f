import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { DecimalInt } from '../../common/http/decimal';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageResponse } from '../../common/http/pagination';
import { SYNC_RUN_STATUSES, SYNC_TRIGGERS, SyncRun, SyncRunStatus, SyncTrigger } from '../sync-run.types';

export const MAX_SYNC_WAIT_SECONDS = 25;

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class StartSyncQuery {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_SYNC_WAIT_SECONDS,
    default: MAX_SYNC_WAIT_SECONDS,
    example: 25,
    description: 'Seconds to wait for the run to finish (0 = answer 202 at once). An ingress cuts longer requests.',
  })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(0)
  @Max(MAX_SYNC_WAIT_SECONDS)
  wait: number = MAX_SYNC_WAIT_SECONDS;

  @ApiPropertyOptional({
    default: false,
    example: false,
    description:
      'Full pass: list every record (not only those modified since the last run) and remove the orders Airtable no longer has. ' +
      'Runs also make one on their own, every few runs and at least daily.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  full: boolean = false;

  @ApiPropertyOptional({
    default: false,
    example: false,
    description:
      'Let this full pass (full=true) delete more than SYNC_MAX_DELETE_RATIO of the orders. Without it such a pass deletes none ' +
      'and records them as `withheldDeletions`: a token that lost access to part of the table looks like mass deletion.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  allowMassDelete: boolean = false;
}

/** One Airtable import run. `fetched` = created + updated + unchanged + skipped. */
export class SyncRunResponse {
  @ApiProperty({ example: 12 })
  id: number;

  @ApiProperty({ enum: SYNC_TRIGGERS, example: 'api' })
  trigger: SyncTrigger;

  @ApiProperty({
    description: 'Every record listed and deletions detected (not only the records modified since the last run)',
    example: false,
  })
  fullPass: boolean;

  @ApiProperty({ description: 'An admin allowed this full pass to delete more than SYNC_MAX_DELETE_RATIO of the orders', example: false })
  massDeleteAllowed: boolean;

  @ApiProperty({ enum: SYNC_RUN_STATUSES, example: 'succeeded' })
  status: SyncRunStatus;

  @ApiProperty({ example: '2025-03-15T09:30:00.000Z' })
  startedAt: string;

  @ApiProperty({ type: String, nullable: true, example: '2025-03-15T09:30:04.210Z' })
  finishedAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only records modified after this were asked for; null = all',
    example: '2025-03-15T09:20:00.000Z',
  })
  modifiedSince: string | null;

  @ApiProperty({ description: 'Records received from Airtable', example: 120 })
  fetched: number;

  @ApiProperty({ example: 3 })
  created: number;

  @ApiProperty({ example: 7 })
  updated: number;

  @ApiProperty({ description: 'Received with the Last Modified time already held: not rewritten', example: 109 })
  unchanged: number;

  @ApiProperty({ description: 'Orders Airtable no longer has (full passes only)', example: 0 })
  deleted: number;

  @ApiProperty({
    description:
      'Orders Airtable no longer listed but kept: deleting them would have removed more than SYNC_MAX_DELETE_RATIO of the orders. ' +
      'POST /orders/sync?full=true&allowMassDelete=true deletes them.',
    example: 0,
  })
  withheldDeletions: number;

  @ApiProperty({ description: 'Records not stored (no usable Last Modified time); the log says which', example: 1 })
  skipped: number;

  @ApiProperty({ description: 'Records stored with fields left empty because their values did not fit; the log says which', example: 2 })
  incomplete: number;

  @ApiPropertyOptional({ description: 'Why the run failed', example: 'Airtable failed (HTTP 500).' })
  error?: string;

  static from(run: SyncRun): SyncRunResponse {
    return {
      id: run.id,
      trigger: run.trigger,
      fullPass: run.fullPass,
      massDeleteAllowed: run.massDeleteAllowed,
      status: run.status,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      modifiedSince: run.modifiedSince?.toISOString() ?? null,
      fetched: run.fetched,
      created: run.created,
      updated: run.updated,
      unchanged: run.unchanged,
      deleted: run.deleted,
      withheldDeletions: run.withheldDeletions,
      skipped: run.skipped,
      incomplete: run.incomplete,
      ...(run.error ? { error: run.error } : {}),
    };
  }
}

export class SyncRunPage extends PageResponse(SyncRunResponse) {}
