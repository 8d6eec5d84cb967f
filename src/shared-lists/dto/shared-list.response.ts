import { ApiProperty } from '@nestjs/swagger';

export class SharedListResponse {
  @ApiProperty({ example: 'ada-favorites' })
  listName: string;

  @ApiProperty({ example: '/api/v1/shared-lists/ada-favorites', description: 'Where anyone can read the list, without a token' })
  path: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', format: 'date-time' })
  sharedAt: string;
}
