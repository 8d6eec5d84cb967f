import { ApiProperty } from '@nestjs/swagger';
import { DecimalInt } from '../../common/http/decimal';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class RecordIdParams {
  @ApiProperty({ description: 'Airtable record id', example: 'recA1b2C3d4E5f6G7' })
  @Matches(/^rec[A-Za-z0-9]{14}$/, { message: 'recordId must be an Airtable record id (rec followed by 14 letters or digits)' })
  recordId: string;
}

export class SyncRunIdParams {
  @ApiProperty({ example: 12 })
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  id: number;
}
