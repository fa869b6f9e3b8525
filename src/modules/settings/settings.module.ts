import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Settings } from './settings';
import { SettingsCatalogue } from './settings-catalogue';
import { SettingsController } from './settings.controller';
import { PENDING_MODULE_SETTINGS } from './settings.definitions';
import { SETTINGS_PERMISSIONS } from './settings.permissions';
import { SettingsRepository } from './settings.repository';
import { SettingsService } from './settings.service';

/**
 * Settings (SPEC §11.4, table `platform.settings`): definitions declared in code by every module (a
 * SettingDefinitionSet provider), values per company or installation. Global, so any module injects
 * the public `Settings` reader without importing this module.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [SettingsController],
  providers: [
    { provide: 'SETTINGS_PERMISSIONS', useValue: SETTINGS_PERMISSIONS },
    { provide: 'PENDING_MODULE_SETTINGS', useValue: PENDING_MODULE_SETTINGS },
    SettingsCatalogue,
    SettingsRepository,
    SettingsService,
    Settings,
  ],
  exports: [Settings],
})
export class SettingsModule {}
