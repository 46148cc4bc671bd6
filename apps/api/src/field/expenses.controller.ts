import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Actor, AllowRoles, AnyMember, Role } from '@steppingstone/core';
import { ExpenseClaims, PaymentBatches, RECEIPT_TYPES } from '@steppingstone/field';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { ClaimDto, ClaimFilterDto, ClaimReviewDto, MyClaimFilterDto } from './field.dto';
import { ClaimPageView, ExpenseClaimView, PaymentBatchView } from './field-views.dto';

const APPROVERS = [Role.Admin, Role.Coordinator] as const;
export const RECEIPTS_PATH = 'me/expense-claims/:id/receipts';

/** A receipt is the claimant's or a coordinator's to see, and is never shown inside the api's pages. */
function sendReceipt(response: Response, file: { contentType: string; content: Buffer }): StreamableFile {
  response.set({ 'Content-Type': file.contentType, 'Content-Disposition': 'attachment; filename="receipt"', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
  return new StreamableFile(file.content);
}

@ApiTags('expenses')
@ApiBearerAuth()
@Controller()
export class ExpensesController {
  constructor(
    private readonly claims: ExpenseClaims,
    private readonly batches: PaymentBatches,
  ) {}

  @Post('me/expense-claims')
  @AnyMember()
  @ApiCreatedResponse({ type: ExpenseClaimView })
  @ApiOperation({ summary: 'Claim an expense: an amount, or miles for mileage (priced at the organisation’s rates); add receipts next' })
  claim(@CurrentActor() actor: Actor, @Body() body: ClaimDto) {
    return this.claims.claim(actor, body);
  }

  @Get('me/expense-claims')
  @AnyMember()
  @ApiOkResponse({ type: ClaimPageView })
  @ApiOperation({ summary: 'My claims, newest first, with their approval state' })
  mine(@CurrentActor() actor: Actor, @Query() filter: MyClaimFilterDto) {
    return this.claims.mine(actor, filter);
  }

  @Get('me/expense-claims/:id')
  @AnyMember()
  @ApiOkResponse({ type: ExpenseClaimView })
  @ApiOperation({ summary: 'One of my claims; anyone else’s answers 404' })
  myClaim(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.claims.myClaim(actor, id);
  }

  @Post(RECEIPTS_PATH)
  @AnyMember()
  @ApiConsumes(...RECEIPT_TYPES)
  @ApiBody({
    description: 'The photo or PDF itself as the body (not a form), up to RECEIPT_BODY_LIMIT (5 MB by default); its first bytes must match its Content-Type',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: ExpenseClaimView, description: 'The claim with the receipt listed' })
  @ApiOperation({ summary: 'Add a receipt to one of my waiting claims (at most 5); 413 past the size limit, 400 when the bytes are not the type sent' })
  addReceipt(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() request: Request) {
    return this.claims.addReceipt(actor, id, request.headers['content-type'], request.body);
  }

  @Get('me/expense-claims/:id/receipts/:receiptId')
  @AnyMember()
  @ApiProduces(...RECEIPT_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The photo or PDF, with the Content-Type it was sent with' })
  @ApiOperation({ summary: 'One of my receipts, as it was sent' })
  async myReceipt(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('receiptId') receiptId: string, @Res({ passthrough: true }) response: Response) {
    return sendReceipt(response, await this.claims.receipt({ ...actor, role: Role.Mentor }, id, receiptId));
  }

  @Get('expense-claims')
  @AllowRoles(...APPROVERS)
  @ApiOkResponse({ type: ClaimPageView })
  @ApiOperation({ summary: 'Claims; ?status=submitted is the approval queue, ?exported=false the approved claims waiting for a payment batch' })
  list(@CurrentActor() actor: Actor, @Query() filter: ClaimFilterDto) {
    return this.claims.list(actor, filter);
  }

  @Get('expense-claims/:id')
  @AllowRoles(...APPROVERS)
  @ApiOkResponse({ type: ExpenseClaimView })
  @ApiOperation({ summary: 'One claim with its receipts listed' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.claims.get(actor, id);
  }

  @Get('expense-claims/:id/receipts/:receiptId')
  @AllowRoles(...APPROVERS)
  @ApiProduces(...RECEIPT_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The photo or PDF, with the Content-Type it was sent with' })
  @ApiOperation({ summary: 'A receipt of a claim, as it was sent' })
  async receipt(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('receiptId') receiptId: string, @Res({ passthrough: true }) response: Response) {
    return sendReceipt(response, await this.claims.receipt(actor, id, receiptId));
  }

  @Post('expense-claims/:id/review')
  @HttpCode(200)
  @AllowRoles(...APPROVERS)
  @ApiOkResponse({ type: ExpenseClaimView })
  @ApiOperation({ summary: 'Approve a claim (mileage priced then, against the tax year’s approved miles) or reject it with a note; 409 once decided' })
  review(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ClaimReviewDto) {
    return this.claims.review(actor, id, body);
  }

  @Post('expense-batches')
  @AllowRoles(...APPROVERS)
  @ApiCreatedResponse({ type: PaymentBatchView })
  @ApiOperation({ summary: 'Export every approved claim not yet exported into a new payment batch; each claim goes in one batch only. 409 NOTHING_TO_EXPORT when none wait' })
  export(@CurrentActor() actor: Actor) {
    return this.batches.create(actor);
  }

  @Get('expense-batches')
  @AllowRoles(...APPROVERS)
  @ApiOkResponse({ type: [PaymentBatchView] })
  @ApiOperation({ summary: 'Payment batches, newest first' })
  batchList(@CurrentActor() actor: Actor) {
    return this.batches.list(actor);
  }

  @Get('expense-batches/:id/download')
  @AllowRoles(...APPROVERS)
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The batch as CSV, one row per claim, as an attachment' })
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'A payment batch as CSV; downloading it again gives the same file' })
  async download(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response) {
    const file = await this.batches.csv(actor, id);
    response.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file.filename}"` });
    return file.csv;
  }
}
