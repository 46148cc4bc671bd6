import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail } from './domain-error';
import { nullFieldDetails } from './null-fields';
import { unsafeInputDetails } from './unsafe-input';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

const refusal = (details: ErrorDetail[]) => {
  const fields = [...new Set(details.map((d) => d.field))];
  return new BadRequestException({ message: `Invalid ${fields.join(', ')}: ${details.map((d) => d.message).join('; ')}`, details });
};

/**
 * Refuses, before any DTO sees it, what no DTO rule can: NUL characters anywhere and hostile nesting
 * (see unsafeInputDetails), for every body, query string and path parameter of every route; and null
 * where the OpenAPI document does not allow it (see nullFieldDetails).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const unsafe = unsafeInputDetails(value, metadata.type, metadata.data);
      if (unsafe.length) throw refusal(unsafe);
    }
    const nulls = metadata.type === 'body' && !metadata.data && metadata.metatype ? nullFieldDetails(value, metadata.metatype) : [];
    let transformed: unknown;
    try {
      transformed = await super.transform(value, metadata);
    } catch (error) {
      if (!nulls.length || !(error instanceof BadRequestException)) throw error;
      // One answer names every bad field, the nulls among them.
      const others = ((error.getResponse() as { details?: ErrorDetail[] }).details ?? []).filter((d) => !nulls.some((n) => n.field === d.field));
      throw refusal([...nulls, ...others]);
    }
    if (nulls.length) throw refusal(nulls);
    return transformed;
  }
}

/** Strips nothing silently: unknown fields are refused by name, values are converted to the DTO's types. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => refusal(flattenValidationErrors(errors)),
  });
}
