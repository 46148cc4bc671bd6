import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { BULK_MOVE_MAX, BulkMoves, EnterApplication } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { BulkMoveDto, BulkMoveResponse, EnteredApplicationDto, EnteredApplicationResponse } from './entered-application.dto';

/** What staff do by hand: enter an application that came by phone or on paper, and move many applications at once. */
@ApiTags('recruitment')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Trainers and mentors' })
@Controller()
export class StaffEntryController {
  constructor(
    private readonly enterApplication: EnterApplication,
    private readonly bulkMoves: BulkMoves,
  ) {}

  @Post('intakes/:id/applications')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Enter an application that came by phone, on paper or in person',
    description:
      'In one transaction: the person with the contact details they gave, their consent to be contacted as it was given (method, the date on the paper or of the call, and the member of staff who took it), the application at "applied" with its channel, arrival date (its registration date in the funnel) and referral partner (`partnerId` or the `partnerCode` on the form), and, when the form carried them, the equality answers with their own consent. Audit-logged. Answers the application with its reference.',
  })
  @ApiCreatedResponse({ type: EnteredApplicationResponse })
  @ApiBadRequestResponse({
    description:
      'Each invalid field named in details[]; UNKNOWN_PARTNER_CODE; UNKNOWN_MEMBER for a takenBy who is not a member; CONSENT_REQUIRED / INVALID_CONSENT / INVALID_DEMOGRAPHIC_ANSWER for the equality part',
  })
  @ApiNotFoundResponse({ description: 'No such intake (or partnerId) in this organisation' })
  @ApiConflictResponse({
    description:
      'POSSIBLE_DUPLICATE (same email, phone, or name and date of birth as someone recorded: `duplicates` lists them; send allowDuplicate: true if they are different people); INTAKE_NOT_OPEN for an archived intake',
  })
  enter(@CurrentActor() actor: Actor, @UuidParam('id') intakeId: string, @Body() body: EnteredApplicationDto) {
    return this.enterApplication.run(actor, { ...body, intakeId });
  }

  @Post('applications/bulk-moves')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: `Move many applications (up to ${BULK_MOVE_MAX}) to one stage in one action: all of them, or none`,
    description:
      'Each application gets its own stage-history row (with the note) and its own application.moved audit entry, as if moved one by one. If any cannot move, nothing moves and the answer lists every one that cannot, with why (`failures[]`: applicationId, reference, name, code ILLEGAL_TRANSITION or STALE_VERSION or APPLICATION_NOT_FOUND, message, stage, allowed), so they can be deselected and the rest moved again.',
  })
  @ApiOkResponse({ type: BulkMoveResponse })
  @ApiNotFoundResponse({ description: 'APPLICATION_NOT_FOUND: an id is not an application of this organisation (`failures[]` names it); nothing moved' })
  @ApiConflictResponse({ description: 'BULK_MOVE_REFUSED: some cannot move (illegal move or moved since loaded); `failures[]` and details[] name each; nothing moved' })
  move(@CurrentActor() actor: Actor, @Body() body: BulkMoveDto) {
    return this.bulkMoves.run(actor, body);
  }
}
