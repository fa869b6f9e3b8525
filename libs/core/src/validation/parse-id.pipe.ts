import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-code';

/** Path ids are UUIDs; anything else is 400 `invalid_id` before any query runs. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    if (isUUID(value)) return value.toLowerCase();
    const path = metadata.data ?? 'id';
    throw new AppError(400, CoreErrorCode.InvalidId, `${path} must be a UUID`, {
      errors: [{ path, code: CoreErrorCode.InvalidId, message: 'must be a UUID' }],
    });
  }
}
