import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
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
  @ApiConflictResponse({ description: 'Username or email already registered', type: ProblemResponse })
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
  async login(@Body() body: LoginDto): Promise<TokenResponse> {
    const { accessToken, expiresIn } = await this.auth.login(body.username, body.password);
    return { accessToken, tokenType: 'bearer', expiresIn, access_token: accessToken, token_type: 'bearer' };
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user);
  }
}
