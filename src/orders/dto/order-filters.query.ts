import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { ORDER_PRIORITIES, ORDER_STATUSES, OrderPriority, OrderStatus } from '../order.types';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1000 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A real calendar day written `YYYY-MM-DD`. */
export function IsIsoDay(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDay',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: isIsoDay },
    });
}

/** Not before the day held by `otherProperty` (when both are valid days). */
export function IsOnOrAfter(otherProperty: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isOnOrAfter',
      target: target.constructor,
      propertyName,
      constraints: [otherProperty],
      options: { message: `${propertyName} must not be before ${otherProperty}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          return !isIsoDay(value) || !isIsoDay(other) || value >= other;
        },
      },
    });
}

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The filters shared by GET /orders and GET /orders/summary. */
export class OrderFilterQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, example: 'Delivered' })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ enum: ORDER_PRIORITIES, example: 'High' })
  @IsOptional()
  @IsIn(ORDER_PRIORITIES)
  priority?: OrderPriority;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the customer name', minLength: 1, maxLength: 100, example: 'garcía' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  customer?: string;

  @ApiPropertyOptional({ description: 'First order date included (YYYY-MM-DD)', format: 'date', example: '2025-01-01' })
  @IsOptional()
  @IsIsoDay()
  startDate?: string;

  @ApiPropertyOptional({
    description: 'Last order date included (YYYY-MM-DD); not before startDate',
    format: 'date',
    example: '2025-12-31',
  })
  @IsOptional()
  @IsIsoDay()
  @IsOnOrAfter('startDate')
  endDate?: string;
}
