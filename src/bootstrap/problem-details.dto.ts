import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'items[2].quantity' })
  path: string;

  @ApiProperty({ example: 'min' })
  code: string;

  @ApiProperty({ example: 'quantity must not be less than 1' })
  message: string;
}

/** The RFC 9457 body of every error response (documentation only; built by the problem filter). */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:cornerstone:problem:validation_failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'limit: limit must not be greater than 100' })
  detail: string;

  @ApiProperty({ example: '/api/v1/reference/countries?limit=101' })
  instance: string;

  @ApiProperty({ example: 'validation_failed' })
  code: string;

  @ApiPropertyOptional({ type: () => [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiProperty({ description: 'The request id (x-request-id) to quote when reporting the error.' })
  traceId: string;
}
