import { ApiProperty } from '@nestjs/swagger';
import type { Permission } from '../entities/permission.entity';

/** One key of the permission catalogue. */
export class PermissionResponseDto {
  @ApiProperty({ example: 'customers.customer.read' })
  key: string;

  @ApiProperty({ example: 'customers' })
  domain: string;

  @ApiProperty({ example: 'customer' })
  resource: string;

  @ApiProperty({ example: 'read' })
  action: string;

  @ApiProperty({ example: 'Read customers' })
  description: string;

  /** May be granted with scope `own` (rows the principal owns) as well as `all`. */
  @ApiProperty()
  scopable: boolean;

  static from(permission: Permission): PermissionResponseDto {
    return {
      key: permission.key,
      domain: permission.domain,
      resource: permission.resource,
      action: permission.action,
      description: permission.description,
      scopable: permission.scopable,
    };
  }
}
