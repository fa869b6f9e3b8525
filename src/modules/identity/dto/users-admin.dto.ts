import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { SearchableListQueryDto, SortParam } from '@libs/core';
import { UpdateMeDto } from './auth-requests.dto';

export const USER_SORT = { keys: ['createdAt', 'name', 'email'], default: '-createdAt' } as const;

/** `GET /users`: `q` matches the name or the e-mail; `status` filters. */
export class ListUsersQueryDto extends SearchableListQueryDto {
  @SortParam(USER_SORT.keys, USER_SORT.default)
  sort?: string;

  @ApiPropertyOptional({ enum: ['pending_verification', 'active', 'disabled'] })
  @IsOptional()
  @IsIn(['pending_verification', 'active', 'disabled'])
  status?: 'pending_verification' | 'active' | 'disabled';
}

/** `POST /users`: the person gets a `set_password` mail (72 h) and is active once the password is set. */
export class CreateUserDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isPlatformAdmin?: boolean;

  @ApiPropertyOptional({ example: 'en-AU' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'must be a language tag like en or en-AU' })
  locale?: string;
}

export class UpdateUserDto extends UpdateMeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isPlatformAdmin?: boolean;
}
