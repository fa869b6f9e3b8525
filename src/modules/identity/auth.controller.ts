import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  Auth,
  CurrentPrincipal,
  ParseIdPipe,
  type Principal,
  Public,
  AppError,
  CoreErrorCode,
} from '@libs/core';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import {
  ChangeEmailDto,
  ChangePasswordDto,
  EmailDto,
  LoginDto,
  PasswordConfirmationDto,
  RefreshDto,
  RegisterDto,
  ResetPasswordDto,
  TokenDto,
  UpdateMeDto,
} from './dto/auth-requests.dto';
import { LoginResponseDto } from './dto/login.response.dto';
import { SessionResponseDto } from './dto/session.response.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { UserResponseDto } from './dto/user.response.dto';
import { SessionService } from './session.service';

/** The signed-in user behind a principal; API keys have no account to manage here. */
function signedInUser(principal: Principal): { userId: string; sessionId: string } {
  if (principal.type !== 'user' || !principal.userId || !principal.sessionId)
    throw new AppError(403, CoreErrorCode.Forbidden, 'Only a signed-in user can do this');
  return { userId: principal.userId, sessionId: principal.sessionId };
}

/** Sign-up, sign-in, sessions and the user's own account (SPEC §2). */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly account: AccountService,
    private readonly sessions: SessionService,
  ) {}

  /** Creates an account (pending until the e-mail is verified, or active with an invitation token). No tokens. */
  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ description: '`email_taken`' })
  register(@Body() body: RegisterDto): Promise<UserResponseDto> {
    return this.auth.register(body);
  }

  /** Confirms the e-mail address with the token from the mail (single use, 24 h). */
  @Public()
  @Post('verify-email')
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponseDto })
  verifyEmail(@Body() body: TokenDto): Promise<UserResponseDto> {
    return this.auth.verifyEmail(body.token);
  }

  /** Sends a new verification mail if the account is still waiting for one. Always 202. */
  @Public()
  @Post('verify-email/resend')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Accepted (whether or not the account exists)' })
  async resendVerification(@Body() body: EmailDto): Promise<void> {
    await this.auth.resendVerification(body.email);
  }

  /** Signs in: an access token (15 min), a refresh token, the user and the active company. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiTooManyRequestsResponse({ description: '`too_many_attempts` with Retry-After' })
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body.email, body.password);
  }

  /** Exchanges a refresh token for a new pair; the presented token stops working (rotation). */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  refreshTokens(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.sessions.refresh(body.refreshToken);
  }

  /** Ends this session. */
  @Auth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logoutSession(@CurrentPrincipal() principal: Principal): Promise<void> {
    const { userId, sessionId } = signedInUser(principal);
    await this.sessions.logout(userId, sessionId);
  }

  /** Ends every session of the user; access tokens already issued stop working at once. */
  @Auth()
  @Post('logout-all')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logoutAllSessions(@CurrentPrincipal() principal: Principal): Promise<void> {
    const { userId, sessionId } = signedInUser(principal);
    await this.sessions.logoutAll(userId, sessionId);
  }

  /** Mails a reset link to an active account. Always 202, whether or not the account exists. */
  @Public()
  @Post('forgot-password')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Accepted (whether or not the account exists)' })
  async forgotPassword(@Body() body: EmailDto): Promise<void> {
    await this.auth.forgotPassword(body.email);
  }

  /** Sets a new password with the token from the mail (single use, 1 h); every session ends. */
  @Public()
  @Post('reset-password')
  @HttpCode(204)
  @ApiNoContentResponse()
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.auth.resetPassword(body.token, body.password);
  }

  /** Updates the user's own profile. */
  @Auth()
  @Patch('me')
  @ApiOkResponse({ type: UserResponseDto })
  updateMyProfile(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateMeDto,
  ): Promise<UserResponseDto> {
    return this.account.updateProfile(signedInUser(principal).userId, body);
  }

  /** Deletes the user's own account (anonymised); the password confirms it. */
  @Auth()
  @Delete('me')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: '`last_owner`: the only owner of a company with other members' })
  async deleteMyAccount(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PasswordConfirmationDto,
  ): Promise<void> {
    await this.account.deleteAccount(signedInUser(principal).userId, body.password);
  }

  /** Changes the password (current one required); other sessions end; fresh tokens for this one. */
  @Auth()
  @Post('me/password')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  changeMyPassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<TokenPairDto> {
    const { userId, sessionId } = signedInUser(principal);
    return this.account.changePassword(userId, sessionId, body.currentPassword, body.newPassword);
  }

  /** Starts an e-mail change: a confirmation goes to the new address, a notice to the current one. */
  @Auth()
  @Post('me/email')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Confirmation sent to the new address' })
  @ApiConflictResponse({ description: '`email_taken`' })
  async requestMyEmailChange(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangeEmailDto,
  ): Promise<void> {
    await this.account.requestEmailChange(signedInUser(principal).userId, body.newEmail, body.password);
  }

  /** Confirms the new address with the token mailed to it. */
  @Public()
  @Post('me/email/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponseDto })
  confirmEmailChange(@Body() body: TokenDto): Promise<UserResponseDto> {
    return this.account.confirmEmailChange(body.token);
  }

  /** The user's live sessions (devices), the current one marked. */
  @Auth()
  @Get('me/sessions')
  @ApiOkResponse({ type: SessionResponseDto, isArray: true })
  listMySessions(@CurrentPrincipal() principal: Principal): Promise<SessionResponseDto[]> {
    const { userId, sessionId } = signedInUser(principal);
    return this.sessions.list(userId, sessionId);
  }

  /** Signs one of the user's sessions out. */
  @Auth()
  @Delete('me/sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such session of this user' })
  async revokeMySession(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.sessions.revoke(signedInUser(principal).userId, id);
  }
}
