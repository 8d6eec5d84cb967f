import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { ProblemResponse } from '../common/http/problem.dto';
import { ApiUpstreamProblems } from '../common/http/upstream-problems';
import { CompleteLinkDto } from './dto/complete-link.dto';
import { LinkResultResponse, LinkStartResponse, LinkStatusResponse } from './dto/tmdb-account.response';
import { LinkResult, LinkStatus, TmdbAccountService } from './tmdb-account.service';

const NOT_CONFIGURED = {
  description: 'Linking is not configured here (no ENCRYPTION_KEY or TMDB token), or TMDB is unavailable',
  type: ProblemResponse,
};

@ApiTags('tmdb account')
@Auth()
@ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemResponse })
@Controller('me/tmdb-account')
export class TmdbAccountController {
  constructor(private readonly accounts: TmdbAccountService) {}

  @Get()
  @ApiOperation({ summary: "Whether the caller's TMDb account is linked, and to which account" })
  @ApiOkResponse({ type: LinkStatusResponse })
  async status(@CurrentUser() user: AuthUser): Promise<LinkStatusResponse> {
    return statusResponse(await this.accounts.status(user.id));
  }

  @Post('link')
  @ApiOperation({
    summary: "Start linking the caller's TMDb account",
    description:
      'Asks TMDb for a request token; the user opens `approveUrl` and approves it on TMDb, then sends it back with PUT /me/tmdb-account.',
  })
  @ApiCreatedResponse({ type: LinkStartResponse })
  @ApiUpstreamProblems()
  @ApiServiceUnavailableResponse(NOT_CONFIGURED)
  async start(@CurrentUser() user: AuthUser): Promise<LinkStartResponse> {
    const started = await this.accounts.start(user.id);
    return { ...started, expiresAt: started.expiresAt.toISOString() };
  }

  @Put()
  @ApiOperation({
    summary: 'Link the TMDb account whose request token the caller approved',
    description:
      'Merges both ways, losing nothing: what only the TMDb account has is added here, what only Cinemateca has is written to the account; ' +
      'the answer counts both (summed over attempts). If TMDb fails during the merge the link stays and the call answers 502/503/504: the ' +
      "same PUT again, or the next refresh, finishes the merge. From then on favorites and the watchlist are the account's.",
  })
  @ApiOkResponse({ type: LinkResultResponse })
  @ApiBadRequestResponse({
    description: "The request token is unknown, expired, not approved yet or another user's",
    type: ProblemResponse,
  })
  @ApiConflictResponse({
    description: 'That TMDb account is linked to another user, or the caller is linked to another account',
    type: ProblemResponse,
  })
  @ApiUpstreamProblems()
  @ApiServiceUnavailableResponse(NOT_CONFIGURED)
  async complete(@CurrentUser() user: AuthUser, @Body() body: CompleteLinkDto): Promise<LinkResultResponse> {
    return resultResponse(await this.accounts.complete(user.id, body.requestToken));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unlink the TMDb account',
    description: 'Revokes the session and the access token at TMDb and forgets them. The local favorites and watchlist stay.',
  })
  @ApiNoContentResponse({ description: 'Unlinked' })
  @ApiNotFoundResponse({ description: 'No TMDb account is linked', type: ProblemResponse })
  @ApiUpstreamProblems()
  unlink(@CurrentUser() user: AuthUser): Promise<void> {
    return this.accounts.unlink(user.id);
  }
}

function statusResponse(status: LinkStatus): LinkStatusResponse {
  if (!status.linked) return { linked: false };
  return { ...status, linkedAt: status.linkedAt.toISOString(), refreshedAt: status.refreshedAt?.toISOString() ?? null };
}

function resultResponse(result: LinkResult): LinkResultResponse {
  return { ...result, linkedAt: result.linkedAt.toISOString(), refreshedAt: result.refreshedAt?.toISOString() ?? null };
}
