import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal } from '@libs/core';
import { TokenPairDto } from '../identity';
import { MeResponseDto, PermissionGrantDto, SwitchCompanyDto } from './dto/member.dto';
import { MeService } from './me.service';

/** The `/auth/*` routes that compose identity with memberships and roles. */
@ApiTags('auth')
@Controller('auth')
export class AuthCompanyController {
  constructor(private readonly me: MeService) {}

  /** New token pair acting in another company of the caller. */
  @Post('switch-company')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  switchCompany(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: SwitchCompanyDto,
  ): Promise<TokenPairDto> {
    return this.me.switchCompany(principal, dto.companyId, dto.makeDefault ?? false);
  }

  /** Profile, memberships, active company and effective permissions. */
  @Get('me')
  @Auth()
  @ApiOkResponse({ type: MeResponseDto })
  getMyProfile(@CurrentPrincipal() principal: Principal): Promise<MeResponseDto> {
    return this.me.me(principal);
  }

  /** `[{key, scope}]` in the active company. */
  @Get('me/permissions')
  @Auth()
  @ApiOkResponse({ type: [PermissionGrantDto] })
  listMyPermissions(@CurrentPrincipal() principal: Principal): PermissionGrantDto[] {
    return this.me.permissions(principal);
  }
}
