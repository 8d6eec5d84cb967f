import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorResponse {
  @ApiProperty({ example: 'stars' })
  field: string;

  @ApiProperty({ example: 'stars must be a multiple of 0.5 between 0 and 5' })
  message: string;
}

/** RFC 9457 problem details, the body of every error (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: 'https://cinemateca.dev/problems/validation-failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'The request is invalid.' })
  detail: string;

  @ApiProperty({ example: '/api/v1/me/ratings/550' })
  instance: string;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'Present for validation failures' })
  errors?: FieldErrorResponse[];
}
