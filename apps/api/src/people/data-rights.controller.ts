import { Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { DataRightsRequests } from '@steppingstone/people';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { DataRightsRequestView, PersonDataExportView } from './people-views.dto';

/**
 * Erasure and subject-access requests run by the worker: each answers 202 with the request, whose
 * status is polled and, for an export, downloaded when done. Admins only, as the synchronous
 * endpoints; another organisation's person or request is 404.
 */
@ApiTags('people')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Anyone but an admin' })
@Controller()
export class DataRightsController {
  constructor(private readonly requests: DataRightsRequests) {}

  @Post('people/:id/erasure-requests')
  @HttpCode(202)
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Ask for this person to be erased (applications and their history, training, placements, jobs, consents, demographic profile); done by a job' })
  @ApiAcceptedResponse({ type: DataRightsRequestView, description: 'The request, pending; poll GET /data-rights-requests/:id' })
  @ApiNotFoundResponse({ description: 'No such person in this organisation' })
  erase(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.requests.request(actor, 'erase', id);
  }

  @Post('people/:id/export-requests')
  @HttpCode(202)
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Ask for everything held about this person (subject access request); produced by a job, then downloaded' })
  @ApiAcceptedResponse({ type: DataRightsRequestView, description: 'The request, pending; poll GET /data-rights-requests/:id' })
  @ApiNotFoundResponse({ description: 'No such person in this organisation' })
  export(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.requests.request(actor, 'export', id);
  }

  @Get('data-rights-requests/:id')
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'An erasure or export request: pending, running, done or failed (with the error), and where to download a finished export' })
  @ApiOkResponse({ type: DataRightsRequestView, description: 'The request' })
  @ApiNotFoundResponse({ description: 'No such request in this organisation' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.requests.get(actor, id);
  }

  @Get('data-rights-requests/:id/download')
  @AllowRoles(Role.Admin)
  @ApiProduces('application/json')
  @ApiOperation({ summary: 'The finished export as a JSON file' })
  @ApiOkResponse({ type: PersonDataExportView, description: 'The export, as an attachment (subject-access-<id>.json)' })
  @ApiConflictResponse({ description: 'EXPORT_NOT_READY: not an export, or not done yet' })
  @ApiNotFoundResponse({ description: 'No such request in this organisation' })
  async download(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<StreamableFile> {
    const document = await this.requests.download(actor, id);
    return new StreamableFile(document, { type: 'application/json', disposition: `attachment; filename="subject-access-${id}.json"` });
  }
}
