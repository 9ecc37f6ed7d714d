import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { validationFailed } from './domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Path ids must be UUIDs; anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) throw validationFailed([{ path: metadata.data ?? 'id', message: `${metadata.data ?? 'id'} must be a UUID` }]);
    return value.toLowerCase();
  }
}
