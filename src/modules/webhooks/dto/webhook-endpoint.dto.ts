import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { CursorListQueryDto, SortParam } from '@libs/core';
import { ENDPOINT_SORT } from '../endpoints.repository';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWebhookEndpointDto {
  /** Where deliveries are POSTed: https (plain http outside production); internal addresses are refused. */
  @ApiProperty({ example: 'https://hooks.example.com/cornerstone', maxLength: 2048 })
  @Transform(trim)
  @IsString()
  @Length(1, 2048)
  url: string;

  /** Event types from `GET /webhooks/event-types`; at least one. */
  @ApiProperty({ type: [String], example: ['customer.created', 'customer.updated'], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  eventTypes: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: 2048 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], minItems: 1 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class ListWebhookEndpointsQueryDto extends CursorListQueryDto {
  @SortParam(ENDPOINT_SORT.keys, ENDPOINT_SORT.default)
  sort?: string;

  /** Only enabled (`true`) or only disabled (`false`) endpoints. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  enabled?: boolean;
}
