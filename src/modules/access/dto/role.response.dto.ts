import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '../entities/role.entity';
import type { Grant } from '../roles.repository';
import { GrantResponseDto } from './grant.dto';

export class RoleResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** UPPER_SNAKE of the name, unique in the company. */
  @ApiProperty({ example: 'SALES_LEAD' })
  key: string;

  @ApiProperty({ example: 'Sales lead' })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  /** System roles are created with the company and cannot be renamed or deleted. */
  @ApiProperty()
  isSystem: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['owner', 'admin', 'manager', 'agent', 'sales', 'finance', 'viewer'],
  })
  systemKey: string | null;

  @ApiProperty({ type: () => [GrantResponseDto] })
  permissions: GrantResponseDto[];

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  createdBy: string | null;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  updatedBy: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  static from(role: Role, grants: readonly Grant[]): RoleResponseDto {
    return {
      id: role.id,
      key: role.key,
      name: role.name,
      description: role.description,
      isSystem: role.isSystem,
      systemKey: role.systemKey,
      permissions: grants.map((g) => ({ key: g.key, scope: g.scope })),
      createdAt: role.createdAt,
      createdBy: role.createdBy,
      updatedAt: role.updatedAt,
      updatedBy: role.updatedBy,
      version: role.version,
    };
  }
}
