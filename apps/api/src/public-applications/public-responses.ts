import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EqualityOption, EqualityQuestion, EqualityQuestionSet } from '@steppingstone/people';
import { PublicApplicationReceipt } from '@steppingstone/recruitment';

/** Response shapes of the public form's endpoints, for the OpenAPI document. */

export class EqualityStepGrantResponse {
  @ApiProperty({ description: 'Send as `token` to POST /public/intakes/{slug}/equality-answers; it authorises this application only, once' })
  token: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt: Date;
}

export class PublicApplicationReceiptResponse implements PublicApplicationReceipt {
  @ApiProperty({ example: 'K7MX4QPT', description: 'Eight characters (no 0, O, 1, I, L or U) to read out on the phone; also in the confirmation email when there is an email address' })
  reference: string;

  @ApiProperty({ example: "Thank you for applying to Peer Mentor training (Spring intake). Your reference is K7MX4QPT. We'll email you a confirmation, and be in touch about the next steps." })
  message: string;

  @ApiProperty({ type: EqualityStepGrantResponse, description: 'The optional equality questions that follow, for this application' })
  equalityStep: EqualityStepGrantResponse;
}

export class EqualityStepReceiptResponse {
  @ApiProperty({ example: true }) recorded: true;
  @ApiProperty() message: string;
}

export class EqualityOptionResponse implements EqualityOption {
  @ApiProperty({ description: 'Send this value: the census category itself, or "Prefer not to say"' }) value: string;
  @ApiProperty({ description: 'Show this: the census questionnaire’s wording' }) label: string;
  @ApiPropertyOptional() hint?: string;
  @ApiPropertyOptional({ enum: ['ethnicityOther', 'religionOther', 'genderIdentityOther', 'sexualOrientationOther'], description: 'This answer has a write-in box, sent as this field' })
  writeIn?: EqualityOption['writeIn'];
}

class EqualityGroupResponse {
  @ApiProperty({ example: 'White' }) heading: string;
  @ApiProperty({ type: [EqualityOptionResponse] }) options: EqualityOptionResponse[];
}

class EqualityAlternativeResponse {
  @ApiProperty({ enum: ['ageBand'] }) field: 'ageBand';
  @ApiProperty() question: string;
  @ApiProperty({ type: [EqualityOptionResponse] }) options: EqualityOptionResponse[];
}

export class EqualityQuestionResponse implements EqualityQuestion {
  @ApiProperty({ enum: ['sex', 'dateOfBirth', 'ethnicity', 'disability', 'religion', 'genderIdentity', 'sexualOrientation'], description: 'The field the answer is sent as' })
  field: EqualityQuestion['field'];
  @ApiProperty({ example: 'What is your ethnic group?' }) question: string;
  @ApiPropertyOptional() hint?: string;
  @ApiProperty({ enum: ['single', 'date'] }) answer: EqualityQuestion['answer'];
  @ApiProperty({ enum: ['everyone', 'aged 16 and over'] }) askedOf: EqualityQuestion['askedOf'];
  @ApiProperty({ nullable: true, type: String, description: 'The census dimension the gap analysis compares the answers with; null when there is no table for it' }) comparesWith: string | null;
  @ApiProperty({ type: [EqualityOptionResponse], description: 'Choices, "Prefer not to say" last (for ethnic group, only "Prefer not to say": the rest are under groups)' })
  options: EqualityOptionResponse[];
  @ApiPropertyOptional({ type: [EqualityGroupResponse], description: 'The census’s sections: choose one, then one answer in it' }) groups?: EqualityGroupResponse[];
  @ApiPropertyOptional({ type: EqualityAlternativeResponse, description: 'For date of birth: an age group instead' }) alternative?: EqualityAlternativeResponse;
  @ApiPropertyOptional() writeInMaxLength?: number;
}

class EqualityConsentTextResponse {
  @ApiProperty({ description: 'The sentence the person ticks; stored word for word with their consent' }) wording: string;
  @ApiProperty({ description: 'Why the questions are asked' }) purpose: string;
  @ApiProperty({ description: 'Who sees the answers' }) whoSees: string;
  @ApiProperty() optional: string;
}

export class EqualityQuestionSetResponse implements EqualityQuestionSet {
  @ApiProperty({ type: EqualityConsentTextResponse }) consent: EqualityConsentTextResponse;
  @ApiProperty({ type: [EqualityQuestionResponse] }) questions: EqualityQuestionResponse[];
}

class PublicIntakeNamesResponse {
  @ApiProperty() name: string;
}

class PublicProgrammeResponse {
  @ApiProperty() name: string;
  @ApiProperty() description: string;
}

class PublicIntakeWindowResponse {
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) opensOn: string;
  @ApiProperty({ format: 'date' }) closesOn: string;
}

class EventLinkStateResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty({ nullable: true, type: Date }) expiresAt: Date | null;
}

class PartnerLinkStateResponse {
  @ApiProperty({ example: 'HOLLOWAYJC', description: 'The code, as the form should send it in `partnerCode`' }) code: string;
  @ApiProperty({ description: 'Whether the code is one of this organisation’s referral partners' }) recognised: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'Holloway Jobcentre', description: 'Who referred the applicant, to show on the form ("one of our peer mentors" for an existing peer)' }) name:
    string | null;
}

export class PublicIntakeResponse {
  @ApiProperty({ type: PublicIntakeNamesResponse }) organisation: PublicIntakeNamesResponse;
  @ApiProperty({ type: PublicProgrammeResponse }) programme: PublicProgrammeResponse;
  @ApiProperty({ type: PublicIntakeWindowResponse }) intake: PublicIntakeWindowResponse;
  @ApiProperty({ description: 'Whether applications are being taken now' }) open: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why not, in a sentence for the applicant; null while open' }) notice: string | null;
  @ApiPropertyOptional({ type: EventLinkStateResponse, description: 'Present when asked with `?event=`' }) eventLink?: EventLinkStateResponse;
  @ApiPropertyOptional({ type: PartnerLinkStateResponse, description: 'Present when asked with `?partner=`' }) partner?: PartnerLinkStateResponse;
}
