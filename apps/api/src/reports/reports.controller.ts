import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, AllowRoles, DOCUMENT_CONTENT_SECURITY_POLICY, Role } from '@steppingstone/core';
import { Reports } from '@steppingstone/reports';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { DownloadQuery, ReportListQuery, RequestReportDto } from './reports.dto';
import { ReportPageView, ReportView } from './reports-views.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: Reports) {}

  @Post()
  @HttpCode(202)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Ask for a programme report for a period; it is produced in the background (the answer’s jobId is the report’s id)',
    description: 'Poll GET /reports/:id until its status is done, then download it. The coordinators are emailed a link when it is ready.',
  })
  @ApiAcceptedResponse({ type: ReportView })
  request(@CurrentActor() actor: Actor, @Body() body: RequestReportDto) {
    return this.reports.request(actor, body);
  }

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Reports asked for and scheduled, newest first' })
  @ApiOkResponse({ type: ReportPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ReportListQuery) {
    return this.reports.list(actor, query);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'A report’s status (queued, running, done, failed) and, once done, where to download it' })
  @ApiOkResponse({ type: ReportView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.reports.get(actor, id);
  }

  @Get(':id/download')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The report as CSV, HTML or PDF (audit-logged); 409 until it is done' })
  @ApiProduces('text/csv', 'text/html', 'application/pdf')
  @ApiOkResponse({
    description: 'The report as an attachment, in the format asked for',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async download(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: DownloadQuery, @Res({ passthrough: true }) response: Response) {
    const file = await this.reports.download(actor, id, query.format);
    // An attachment, never rendered on the api's origin: the document holds names people typed.
    response.set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': DOCUMENT_CONTENT_SECURITY_POLICY,
    });
    return new StreamableFile(file.content);
  }
}
