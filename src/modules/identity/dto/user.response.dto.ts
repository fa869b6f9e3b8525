import { ApiProperty } from '@nestjs/swagger';
import type { User, UserStatus } from '../entities/user.entity';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'ada@example.com' })
  email: string | null;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;

  @ApiProperty({ enum: ['pending_verification', 'active', 'disabled'] })
  status: UserStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  emailVerifiedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt: string | null;

  @ApiProperty()
  onboardingCompleted: boolean;

  @ApiProperty({ example: 'en' })
  locale: string;

  @ApiProperty({ example: 'Australia/Sydney' })
  timezone: string;

  @ApiProperty()
  isPlatformAdmin: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;

  @ApiProperty()
  version: number;

  static from(user: User): UserResponseDto {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      status: user.status,
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      onboardingCompleted: user.onboardingCompletedAt !== null,
      locale: user.locale,
      timezone: user.timezone,
      isPlatformAdmin: user.isPlatformAdmin,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
      version: user.version,
    };
  }
}
