import { AppError } from '@libs/core';

export enum SettingsErrorCode {
  NotFound = 'not_found',
  ValidationFailed = 'validation_failed',
  InvalidValue = 'invalid_value',
  NotOverridable = 'setting_not_overridable',
  Forbidden = 'forbidden',
}

export class SettingsError extends AppError {}

export const settingNotFound = (key: string): SettingsError =>
  new SettingsError(404, SettingsErrorCode.NotFound, `There is no setting "${key}"`);

export const invalidValue = (message: string): SettingsError =>
  new SettingsError(400, SettingsErrorCode.ValidationFailed, `value: ${message}`, {
    errors: [{ path: 'value', code: SettingsErrorCode.InvalidValue, message }],
  });

export const notOverridable = (key: string): SettingsError =>
  new SettingsError(
    409,
    SettingsErrorCode.NotOverridable,
    `"${key}" is set for the whole installation only; companies cannot override it`,
  );

export const platformAdminRequired = (): SettingsError =>
  new SettingsError(
    403,
    SettingsErrorCode.Forbidden,
    'Only platform administrators change installation-wide settings',
  );
