import { ApiHideProperty } from '@nestjs/swagger';
import { Equals } from 'class-validator';
import { CustomerFieldsDto } from './create-customer.dto';

export class UpdateCustomerDto extends CustomerFieldsDto {
  /** Declared only to answer "cannot be changed" instead of "unknown field": kind is immutable. */
  @ApiHideProperty()
  @Equals(undefined, { message: 'kind cannot be changed once the customer exists' })
  kind?: never;
}
