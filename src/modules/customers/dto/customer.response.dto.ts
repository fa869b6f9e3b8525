import { ApiProperty } from '@nestjs/swagger';
import {
  CUSTOMER_KINDS,
  CUSTOMER_STATUSES,
  CUSTOMER_TIERS,
  type CustomerKind,
  type CustomerStatus,
  type CustomerTier,
} from '../entities/customer.entity';
import { AddressResponseDto } from './address.dto';
import { ContactPointResponseDto } from './contact-point.dto';
import { IdentityResponseDto } from './identity.dto';
import { TagSummaryDto } from './tag.dto';

/** A customer as listed: its own fields and the ids of its tags. */
export class CustomerResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: CUSTOMER_KINDS })
  kind: CustomerKind;

  @ApiProperty({ example: 'Ann Smith' })
  displayName: string;

  @ApiProperty({ type: String, nullable: true })
  givenName: string | null;

  @ApiProperty({ type: String, nullable: true })
  familyName: string | null;

  @ApiProperty({ type: String, nullable: true })
  legalName: string | null;

  @ApiProperty({ type: String, nullable: true })
  taxId: string | null;

  @ApiProperty({ type: String, nullable: true })
  website: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  organizationId: string | null;

  /** The primary e-mail contact point. */
  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  /** The primary phone contact point (E.164). */
  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ enum: CUSTOMER_TIERS })
  tier: CustomerTier;

  @ApiProperty({ enum: CUSTOMER_STATUSES })
  status: CustomerStatus;

  @ApiProperty()
  blocked: boolean;

  @ApiProperty({ type: Date, nullable: true })
  blockedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  blockedReason: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  ownerId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  attributes: Record<string, unknown>;

  @ApiProperty({ type: [String], format: 'uuid' })
  tagIds: string[];

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  createdBy: string | null;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  updatedBy: string | null;

  /** Set only in `?deleted=only` lists. */
  @ApiProperty({ type: Date, nullable: true })
  deletedAt: Date | null;

  @ApiProperty({ example: 1 })
  version: number;
}

/** One customer with its contact points, addresses, identities and tags. */
export class CustomerDetailResponseDto extends CustomerResponseDto {
  @ApiProperty({ type: () => [ContactPointResponseDto] })
  contactPoints: ContactPointResponseDto[];

  @ApiProperty({ type: () => [AddressResponseDto] })
  addresses: AddressResponseDto[];

  @ApiProperty({ type: () => [IdentityResponseDto] })
  identities: IdentityResponseDto[];

  @ApiProperty({ type: () => [TagSummaryDto] })
  tags: TagSummaryDto[];
}
