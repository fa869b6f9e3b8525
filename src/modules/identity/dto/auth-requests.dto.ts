import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** Upper bound of any password field before the policy runs (the policy itself says ≤ 72 bytes). */
const PASSWORD_FIELD_MAX = 1024;

@ValidatorConstraint({ name: 'timezone' })
class IsIanaTimezone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !value) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'must be an IANA time zone, e.g. Australia/Sydney';
  }
}

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: '10 characters to 72 UTF-8 bytes, not the e-mail address.' })
  @IsString()
  @MaxLength(PASSWORD_FIELD_MAX)
  password: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ description: 'Invitation token: the account starts active and joins that company.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  invitationToken?: string;
}

export class TokenDto {
  @ApiProperty({ description: 'The token from the e-mail.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class EmailDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_FIELD_MAX)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: '`<sessionId>.<secret>` as returned by login or the previous refresh.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class ResetPasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({ description: '10 characters to 72 UTF-8 bytes, not the e-mail address.' })
  @IsString()
  @MaxLength(PASSWORD_FIELD_MAX)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_FIELD_MAX)
  currentPassword: string;

  @ApiProperty({ description: '10 characters to 72 UTF-8 bytes, not the e-mail address.' })
  @IsString()
  @MaxLength(PASSWORD_FIELD_MAX)
  newPassword: string;
}

export class ChangeEmailDto {
  @ApiProperty({ example: 'ada@new.example.com' })
  @IsEmail()
  @MaxLength(254)
  newEmail: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_FIELD_MAX)
  password: string;
}

export class PasswordConfirmationDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_FIELD_MAX)
  password: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'en-AU', description: 'BCP 47 language tag (language[-REGION]).' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'must be a language tag like en or en-AU' })
  locale?: string;

  @ApiPropertyOptional({ example: 'Australia/Sydney' })
  @IsOptional()
  @IsString()
  @Validate(IsIanaTimezone)
  timezone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  onboardingCompleted?: boolean;
}
