import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { ClientKey } from '../common/http/client-key';
import { ProblemResponse } from '../common/http/problem.dto';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { TokenResponse } from './dto/token.response';
import { UserResponse } from './dto/user.response';

@ApiTags('auth')
@ApiBadRequestResponse({ description: 'Invalid input', type: ProblemResponse })
@ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemResponse })
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Create an account (role USER)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'Username or email already registered, or reserved for a static API token', type: ProblemResponse })
  @ApiServiceUnavailableResponse({
    description: 'Too many passwords are being hashed right now; retry after Retry-After seconds',
    type: ProblemResponse,
  })
  register(@Body() body: RegisterDto): Promise<UserResponse> {
    return this.auth.register(body);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username (or email) and password for an access token' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (the same answer for both)', type: ProblemResponse })
  @ApiTooManyRequestsResponse({
    description:
      'Too many failed logins for this username: 10 from this client, or 100 from all clients, within 15 minutes (see Retry-After)',
    type: ProblemResponse,
  })
  @ApiServiceUnavailableResponse({
    description: 'Too many passwords are being checked right now; retry after Retry-After seconds',
    type: ProblemResponse,
  })
  async login(@Body() body: LoginDto, @ClientKey() client: string): Promise<TokenResponse> {
    const { accessToken, expiresIn } = await this.auth.login(body.username, body.password, client);
    return { accessToken, tokenType: 'bearer', expiresIn, access_token: accessToken, token_type: 'bearer' };
  }

  @Post('logout')
  @Auth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: the JWT of this request stops working on every replica' })
  @ApiNoContentResponse({ description: 'The token is revoked' })
  @ApiBadRequestResponse({
    description: 'The request came with a static API token, which only the operator revokes',
    type: ProblemResponse,
  })
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  @Post('logout-all')
  @Auth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out everywhere: every JWT issued to the caller until now stops working on every replica' })
  @ApiNoContentResponse({ description: 'Every earlier token of the caller is revoked' })
  logoutAll(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logoutAll(user);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user);
  }
}
