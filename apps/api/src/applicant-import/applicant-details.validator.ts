import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@steppingstone/core';
import { DetailsProblem } from '@steppingstone/recruitment';
import { PersonDetailsDto } from '../people/contact-details.dto';

/** A CSV row's details held to the very rules of POST /applications, by running the same DTO. */
export function validateApplicantDetails(details: Record<string, unknown>): DetailsProblem[] {
  const dto = plainToInstance(PersonDetailsDto, details);
  return flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false }));
}
