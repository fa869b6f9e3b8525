import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SearchableListQueryDto, SortParam, CursorListQueryDto } from '@libs/core';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from '../entities/membership.entity';
import { INVITATION_STATUSES, type InvitationStatus } from '../entities/invitation.entity';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;

export const MEMBER_SORT = { keys: ['joinedAt', 'createdAt'], default: 'joinedAt' } as const;

export class ListMembersQueryDto extends SearchableListQueryDto {
  @SortParam(MEMBER_SORT.keys, MEMBER_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ description: 'Comma-separated: active, suspended.' })
  @IsOptional()
  @Transform(csv)
  @IsIn(MEMBERSHIP_STATUSES, { each: true })
  status?: MembershipStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roleId?: string;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roleId?: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: MembershipStatus;
}

export class RoleRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
}

export class MemberResponseDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty({ type: RoleRefDto, nullable: true }) role: RoleRefDto | null;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: MembershipStatus;
  @ApiProperty() isDefault: boolean;
  @ApiProperty() joinedVia: string;
  @ApiProperty({ type: String, nullable: true }) invitedBy: string | null;
  @ApiProperty() joinedAt: string;
  @ApiProperty() version: number;
}

export const INVITATION_SORT = { keys: ['createdAt', 'expiresAt'], default: '-createdAt' } as const;

export class ListInvitationsQueryDto extends CursorListQueryDto {
  @SortParam(INVITATION_SORT.keys, INVITATION_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ description: 'Comma-separated: pending, accepted, revoked, expired.' })
  @IsOptional()
  @Transform(csv)
  @IsIn(INVITATION_STATUSES, { each: true })
  status?: InvitationStatus[];
}

export class CreateInvitationDto {
  @ApiProperty({ example: 'jane@example.com' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  roleId: string;
}

export class InvitationTokenDto {
  @ApiProperty({ description: 'The token from the invitation e-mail.' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;
}

export class InvitationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: String, nullable: true }) invitedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedAt: string | null;
  @ApiProperty() resendCount: number;
  @ApiProperty() lastSentAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
}

export class InvitationInspectionDto {
  @ApiProperty() companyName: string;
  @ApiProperty() roleName: string;
  @ApiProperty() email: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
}

export class SwitchCompanyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  companyId: string;

  @ApiPropertyOptional({ description: 'Also make it the default company (chosen at login).' })
  @IsOptional()
  @IsBoolean()
  makeDefault?: boolean;
}

export class PermissionGrantDto {
  @ApiProperty({ example: 'companies.company.read' }) key: string;
  @ApiProperty({ enum: ['all', 'own'] }) scope: 'all' | 'own';
}

export class MeResponseDto {
  @ApiProperty() user: {
    id: string;
    email: string | null;
    name: string;
    status: string;
    isPlatformAdmin: boolean;
    locale: string;
    timezone: string;
  };
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) activeCompanyId: string | null;
  @ApiProperty() memberships: unknown[];
  @ApiProperty({ type: [PermissionGrantDto] }) permissions: PermissionGrantDto[];
}
