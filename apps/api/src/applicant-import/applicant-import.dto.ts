import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateBy } from 'class-validator';
import { ColumnMapping, IMPORT_COLUMN_NAMES } from '@steppingstone/recruitment';
import { toBoolean } from '../transforms';

/** A JSON object in the query string: each header of the file to a column we import, or null to ignore it. */
const parseMapping = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return Symbol.for('unreadable');
  }
};

const isMapping = (value: unknown): value is ColumnMapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((c) => c === null || (typeof c === 'string' && (IMPORT_COLUMN_NAMES as string[]).includes(c)));

export class ImportQueryDto {
  @ApiProperty({ description: 'true: check the file and report, writing nothing. false: import every row, or none if any row has a problem.' })
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun: boolean;

  @ApiPropertyOptional({
    type: 'string',
    example: '{"Ethnicity (2021 census)":"ethnicity","Tick if happy for us to keep equality answers":"equalityConsent","Shoe size":null}',
    description: `JSON: the file's headers (any case) to the column each is (${IMPORT_COLUMN_NAMES.join(', ')}), or null to ignore one. Headers left out are recognised by their spelling.`,
  })
  @IsOptional()
  @Transform(parseMapping)
  @ValidateBy({
    name: 'columnMapping',
    validator: { validate: isMapping, defaultMessage: () => `mapping must be a JSON object of the file's headers to one of ${IMPORT_COLUMN_NAMES.join(', ')}, or null` },
  })
  mapping?: ColumnMapping;
}
