import { BadRequestException } from '@nestjs/common';
import { Request } from 'express';

/** The text of a `Content-Type: text/csv` upload, or a 400 that says how to send one. */
export function csvBodyOf(request: Request): string {
  if (!request.is('text/csv') || typeof request.body !== 'string') {
    throw new BadRequestException({
      message: 'Send the file as the request body with Content-Type: text/csv',
      details: [{ field: 'body', rule: 'csv', message: 'body must be CSV text (Content-Type: text/csv)' }],
    });
  }
  // Read through the request object, so the validation pipe's NUL check never saw it.
  if (request.body.includes('\u0000'))
    throw new BadRequestException({
      message: 'The file holds NUL characters: save it as CSV text',
      details: [{ field: 'body', rule: 'noNulCharacter', message: 'body must not contain a NUL character (\\u0000)' }],
    });
  if (!request.body.trim()) throw new BadRequestException({ message: 'The file is empty', details: [{ field: 'body', rule: 'notEmpty', message: 'body must not be empty' }] });
  return request.body;
}
