import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AnyMember } from '@steppingstone/core';
import { MyRecords } from '@steppingstone/progression';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';

/** The participant's own records, through the person linked to the login. Upcoming sessions: GET /me/sessions. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MyProgressionController {
  constructor(private readonly mine: MyRecords) {}

  @Get('placements')
  @AnyMember()
  @ApiOperation({ summary: 'My placements with the next supervision and review dates (my sessions: GET /me/sessions)' })
  placements(@CurrentActor() actor: Actor) {
    return this.mine.placements(actor);
  }

  @Get('placements/:id')
  @AnyMember()
  @ApiOperation({ summary: 'One of my placements; anyone else’s answers 404' })
  placement(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.mine.placement(actor, id);
  }

  @Get('supervision')
  @AnyMember()
  @ApiOperation({ summary: 'My supervision: next due date, review points, sessions held and agreed actions' })
  supervision(@CurrentActor() actor: Actor) {
    return this.mine.supervision(actor);
  }

  @Get('progression')
  @AnyMember()
  @ApiOperation({ summary: 'My progression timeline: applied, enrolled, completed, placed, employed, sustained' })
  progression(@CurrentActor() actor: Actor) {
    return this.mine.progression(actor);
  }

  @Get('consents')
  @AnyMember()
  @ApiOperation({ summary: 'The consents I have given, withdrawn ones included' })
  consents(@CurrentActor() actor: Actor) {
    return this.mine.consents(actor);
  }

  @Get('data')
  @AnyMember()
  @Header('Content-Disposition', 'attachment; filename="my-data.json"')
  @ApiOperation({ summary: 'Download everything held about me, as JSON' })
  data(@CurrentActor() actor: Actor) {
    return this.mine.data(actor);
  }
}
