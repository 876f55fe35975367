import {
  ArgumentMetadata,
  BadRequestException,
  Injectable,
  Param,
  PipeTransform,
} from '@nestjs/common';
import { canonicalUuid } from './fields';

/** A UUID in a path or query parameter, in lower case (see `canonicalUuid`); anything else is a 400. */
@Injectable()
export class CanonicalUuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    const id = canonicalUuid(value);
    if (id === null) {
      throw new BadRequestException(`${metadata.data ?? 'id'} must be a UUID`);
    }
    return id;
  }
}

/** The path parameter `name` (`:id`) as a lower-case UUID: `@UuidParam() id: string`. */
export const UuidParam = (name = 'id'): ParameterDecorator => Param(name, CanonicalUuidPipe);
