import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsUuid, LoadedVersion, OptionalUuid } from './validation';

class Example {
  @IsUuid()
  personId!: string;

  @OptionalUuid()
  localityId?: string | null;

  @LoadedVersion()
  version?: number;
}

function problems(value: object): Record<string, string[]> {
  const errors = validateSync(plainToInstance(Example, value));
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

const ID = '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f';

describe('named validation decorators', () => {
  it('name the field in their messages', () => {
    expect(problems({ personId: 'nope', localityId: 'x', version: 0 })).toEqual({
      personId: ['personId must be a UUID'],
      localityId: ['localityId must be a UUID'],
      version: ['version must not be less than 1'],
    });
  });

  it('allow an optional id and version to be left out or null, and refuse a fractional version', () => {
    expect(problems({ personId: ID })).toEqual({});
    expect(problems({ personId: ID, localityId: null, version: null })).toEqual({});
    expect(problems({ personId: ID, localityId: ID, version: 3 })).toEqual({});
    expect(problems({ personId: ID, version: 1.5 })).toEqual({ version: ['version must be an integer number'] });
  });

  it('require a required id', () => {
    expect(problems({})).toEqual({ personId: ['personId must be a UUID'] });
  });
});
