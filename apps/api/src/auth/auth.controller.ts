import { Body, Controller, Get, HttpCode, HttpStatus, Post, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, AnyMember, Public, RequestTrace, SecondFactorExempt } from '@steppingstone/core';
import { Account, AccountView, AuthenticatedSession, Login, SessionLifecycle, SIGN_UP_TTL_HOURS, SignUp, VerifySignUp } from '@steppingstone/organisations';
import { ChangePasswordDto, ConfirmSecondFactorDto, DisableSecondFactorDto, LoginDto, SessionResponse, SignUpAcceptedResponse, SignUpDto, SwitchOrganisationDto, VerifySignUpDto } from './auth.dto';
import { AccountResponseView, RecoveryCodesView, SecondFactorSetupView, SignedUpView } from './auth-views.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { CurrentAccount, CurrentActor, CurrentSession, ReadsOwnAccount, Trace } from './request-context';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@ApiTags('auth')
@ApiBearerAuth()
@ApiCookieAuth('steppingstone_session')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signUp: SignUp,
    private readonly verifySignUp: VerifySignUp,
    private readonly login: Login,
    private readonly lifecycle: SessionLifecycle,
    private readonly account: Account,
  ) {}

  @Post('sign-up')
  @HttpCode(HttpStatus.ACCEPTED)
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @ApiAcceptedResponse({ type: SignUpAcceptedResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many sign-ups for this email or from this address' })
  @ApiOperation({
    summary: 'Ask for an organisation and its first admin: a link to finish is emailed to the address',
    description:
      'Answers 202 alike whether or not the address has an account. A new address is emailed a link to POST /auth/sign-up/verify; an address with an account is told someone tried, and nothing is created. Rate-limited like sign-in.',
  })
  async requestOrganisation(@Body() body: SignUpDto, @Trace() trace: RequestTrace): Promise<SignUpAcceptedResponse> {
    await this.signUp.run(body, trace);
    return { message: `Check your email: we have sent ${body.email} a link to finish signing up. It works once, for ${SIGN_UP_TTL_HOURS} hours.` };
  }

  @Post('sign-up/verify')
  @Public()
  @ApiCreatedResponse({ type: SignedUpView })
  @ApiOperation({ summary: 'Finish signing up with the emailed token: creates the organisation and its first admin, and signs the admin in' })
  async createOrganisation(@Body() body: VerifySignUpDto, @Trace() trace: RequestTrace, @Res({ passthrough: true }) response: Response) {
    const result = await this.verifySignUp.run(body.token, trace);
    setSessionCookie(response, result.token, result.expiresAt);
    return { organisation: result.organisation, token: result.token, expiresAt: result.expiresAt, userId: result.userId, organisationId: result.organisation.id, role: 'admin' };
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @ApiOkResponse({ type: SessionResponse })
  @ApiOperation({ summary: 'Sign in with email and password (and a second factor when turned on)' })
  async signIn(@Body() body: LoginDto, @Trace() trace: RequestTrace, @Res({ passthrough: true }) response: Response): Promise<SessionResponse> {
    const session = await this.login.run(body, trace);
    setSessionCookie(response, session.token, session.expiresAt);
    return { token: session.token, expiresAt: session.expiresAt, userId: session.userId, organisationId: session.organisationId, role: session.role };
  }

  @Post('logout')
  @HttpCode(204)
  @AnyMember()
  @SecondFactorExempt()
  @ApiNoContentResponse({ description: 'Signed out; the session cookie is cleared' })
  @ApiOperation({ summary: 'End this session' })
  async signOut(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.lifecycle.logout(actor);
    clearSessionCookie(response);
  }

  @Get('me')
  @AnyMember()
  @SecondFactorExempt()
  @ReadsOwnAccount()
  @ApiOkResponse({ type: AccountResponseView })
  @ApiOperation({ summary: 'The signed-in user, their organisation and role, and their other organisations' })
  me(@CurrentAccount() account: AccountView): AccountView {
    return account;
  }

  @Post('switch-organisation')
  @HttpCode(200)
  @AnyMember()
  @SecondFactorExempt()
  @ApiOkResponse({ type: SessionResponse })
  @ApiOperation({ summary: 'Move to another of your organisations (a new session; the old token stops working)' })
  async switchOrganisation(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: AuthenticatedSession,
    @Body() body: SwitchOrganisationDto,
    @Trace() trace: RequestTrace,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    const next = await this.lifecycle.switchOrganisation(actor, body.organisationId, session.secondFactorVerified, trace);
    setSessionCookie(response, next.token, next.expiresAt);
    return { token: next.token, expiresAt: next.expiresAt, userId: actor.userId, organisationId: next.organisationId, role: next.role };
  }

  @Post('password')
  @HttpCode(204)
  @AnyMember()
  @ApiNoContentResponse({ description: 'Changed; every session of the account has ended' })
  @ApiOperation({ summary: 'Change your password; every session of your account ends, this one included' })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.account.changePassword(actor, body.currentPassword, body.newPassword);
    clearSessionCookie(response);
  }

  @Post('second-factor/setup')
  @AnyMember()
  @SecondFactorExempt()
  @ApiCreatedResponse({ type: SecondFactorSetupView })
  @ApiOperation({ summary: 'Start turning on two-step sign-in: returns the secret and an otpauth:// URL for an authenticator app' })
  startSecondFactor(@CurrentActor() actor: Actor) {
    return this.account.startSecondFactorSetup(actor);
  }

  @Post('second-factor/confirm')
  @HttpCode(200)
  @AnyMember()
  @SecondFactorExempt()
  @ApiOkResponse({ type: RecoveryCodesView })
  @ApiOperation({ summary: 'Confirm with a first code; returns ten single-use recovery codes, shown only once' })
  confirmSecondFactor(@CurrentActor() actor: Actor, @Body() body: ConfirmSecondFactorDto) {
    return this.account.confirmSecondFactor(actor, body.code);
  }

  @Post('second-factor/disable')
  @HttpCode(204)
  @AnyMember()
  @ApiNoContentResponse({ description: 'Two-step sign-in is off' })
  @ApiOperation({ summary: 'Turn two-step sign-in off (not allowed where your organisation requires it for your role)' })
  async disableSecondFactor(@CurrentActor() actor: Actor, @CurrentSession() session: AuthenticatedSession, @Body() body: DisableSecondFactorDto): Promise<void> {
    await this.account.disableSecondFactor(actor, body, session.secondFactorRequired);
  }
}
