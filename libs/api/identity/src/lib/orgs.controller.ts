import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { MemberView, OrgView, Page } from '@quorum/contracts';
import { CurrentPrincipal, CurrentRequest, Principal, RequestMeta } from '@quorum/api/auth';
import { UuidPipe } from '@quorum/api/errors';
import { CreateMemberDto } from './identity.dto';
import { IdentityService } from './identity.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('orgs')
export class OrgsController {
  constructor(private readonly identity: IdentityService) {}

  @Get(':orgId')
  @ApiOperation({ summary: 'An organization, to its members and platform staff' })
  get(@CurrentPrincipal() principal: Principal, @Param('orgId', UuidPipe) orgId: string): Promise<OrgView> {
    return this.identity.getOrg(principal, orgId);
  }

  @Get(':orgId/members')
  @ApiOperation({ summary: 'Members of an organization' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  members(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', UuidPipe) orgId: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<Page<MemberView>> {
    return this.identity.listMembers(principal, orgId, { cursor, limit });
  }

  @Post(':orgId/members')
  @ApiOperation({ summary: 'Add a member (org admin only; roles limited by org kind)' })
  addMember(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', UuidPipe) orgId: string,
    @Body() dto: CreateMemberDto,
    @CurrentRequest() ctx: RequestMeta,
  ): Promise<MemberView> {
    return this.identity.addMember(principal, orgId, dto, ctx);
  }
}
