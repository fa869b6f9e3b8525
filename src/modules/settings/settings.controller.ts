import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type Principal } from '@libs/core';
import { ListSettingsQueryDto, PutSettingDto, SettingScopeQueryDto } from './dto/setting.dto';
import { SettingResponseDto } from './dto/setting.response.dto';
import { SettingsPermission } from './settings.permissions';
import { SettingsService } from './settings.service';

/** Settings of the active company: declared in code, overridable per company or installation. */
@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** Every declared setting with its effective value and where it comes from. */
  @Get()
  @Auth(SettingsPermission.Read)
  @ApiOkResponse({ type: [SettingResponseDto] })
  listSettings(@Query() query: ListSettingsQueryDto): Promise<SettingResponseDto[]> {
    return this.settings.list(query.category);
  }

  /** Sets the company's value (or, with `scope=installation`, the installation's: platform admins). */
  @Put(':key')
  @Auth(SettingsPermission.Write)
  @ApiOkResponse({ type: SettingResponseDto })
  @ApiNotFoundResponse({ description: 'No such setting.' })
  @ApiConflictResponse({ description: '`setting_not_overridable`' })
  putSetting(
    @Param('key') key: string,
    @Query() query: SettingScopeQueryDto,
    @Body() dto: PutSettingDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SettingResponseDto> {
    return this.settings.put(key, dto.value, query.scope ?? 'company', principal);
  }

  /** Reverts to the inherited value: the company's value goes (or the installation's, with `scope`). */
  @Delete(':key')
  @HttpCode(204)
  @Auth(SettingsPermission.Write)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such setting.' })
  @ApiConflictResponse({ description: '`setting_not_overridable`' })
  async revertSetting(
    @Param('key') key: string,
    @Query() query: SettingScopeQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.settings.revert(key, query.scope ?? 'company', principal);
  }
}
