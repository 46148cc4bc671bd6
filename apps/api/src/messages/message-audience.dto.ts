import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { APPLICATION_STAGES } from '@steppingstone/recruitment';
import { OptionalUuid } from '../validation';

/** The group of a coordinator's message (as `POST /messages` takes it), without the words. */
export class MessageAudienceQueryDto {
  @ApiProperty({ enum: ['cohort', 'intake-stage'] })
  @IsIn(['cohort', 'intake-stage'], { message: 'audience must be cohort or intake-stage' })
  audience!: 'cohort' | 'intake-stage';

  @ApiPropertyOptional({ format: 'uuid', description: 'For a cohort: its enrolled members' })
  @OptionalUuid()
  cohortId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For an intake stage: the intake' })
  @OptionalUuid()
  intakeId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STAGES, description: 'For an intake stage: the applicants at this stage' })
  @IsOptional()
  @IsIn(APPLICATION_STAGES, { message: `stage must be one of ${APPLICATION_STAGES.join(', ')}` })
  stage?: string;
}

export class MessageAudienceView {
  @ApiProperty({ description: 'People the message would go to' }) people!: number;
  @ApiProperty({ description: 'Of them, written to by email' }) email!: number;
  @ApiProperty({ description: 'Of them, sent a text' }) text!: number;
  @ApiProperty({ description: 'Of them, with no way to reach them (recorded as skipped)' }) none!: number;
}
