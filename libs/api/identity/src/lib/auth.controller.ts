import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, MeResponse, RegisterResponse } from '@quorum/contracts';
import { CurrentPrincipal, CurrentRequest, Principal, Public, RequestMeta } from '@quorum/api/auth';
import { LoginDto, RegisterDto } from './identity.dto';
import { IdentityService } from './identity.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Register a lab or vendor organization; the caller becomes its admin' })
  register(@Body() dto: RegisterDto, @CurrentRequest() ctx: RequestMeta): Promise<RegisterResponse> {
    return this.identity.register(dto, ctx);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access token (rate-limited)' })
  login(@Body() dto: LoginDto, @CurrentRequest() ctx: RequestMeta): Promise<LoginResponse> {
    return this.identity.login(dto, ctx);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller, their organization and roles' })
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.identity.me(principal);
  }
}
