import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { EffectiveOwnerView, EntityView, InterestView, Page } from '@quorum/contracts';
import { CurrentPrincipal, CurrentRequest, isPlatformStaff, Principal, RequestMeta, Roles } from '@quorum/api/auth';
import { DomainError, ErrorCode, forbidden, readBodyText, UuidPipe } from '@quorum/api/errors';
import type { FastifyRequest } from 'fastify';
import { BodsImportResult, BodsImportService } from './bods-import.service';
import type { BodsStatementOut } from './bods';
import { CreateEntityDto, EndInterestDto, RecordInterestDto } from './interests/registry.dto';
import { RegistryService } from './registry.service';

const BODS_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const BODS_CONTENT_TYPES = ['application/json', 'application/x-ndjson', 'application/jsonl'];

@ApiTags('registry')
@ApiBearerAuth()
@Controller()
export class RegistryController {
  constructor(
    private readonly registry: RegistryService,
    private readonly bods: BodsImportService,
  ) {}

  @Post('entities')
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Add a company, fund, state body, arrangement or person to the ownership registry' })
  createEntity(@CurrentPrincipal() principal: Principal, @Body() dto: CreateEntityDto, @CurrentRequest() ctx: RequestMeta): Promise<EntityView> {
    return this.registry.createEntity(principal, dto, ctx);
  }

  @Get('entities')
  @Roles('platform_admin', 'auditor')
  @ApiOperation({ summary: 'Registry entities' })
  @ApiQuery({ name: 'q', required: false, description: 'name contains' })
  @ApiQuery({ name: 'kind', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  listEntities(@Query('q') q?: string, @Query('kind') kind?: string, @Query('cursor') cursor?: string, @Query('limit') limit?: string): Promise<Page<EntityView>> {
    return this.registry.listEntities({ q, kind, cursor, limit });
  }

  @Get('entities/:id')
  @ApiOperation({ summary: 'One entity (platform staff; an org its own; a lab any vendor)' })
  getEntity(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EntityView> {
    return this.registry.getEntityFor(principal, id);
  }

  @Get('entities/:id/effective-owners')
  @ApiOperation({ summary: 'Everyone with an economic, voting, board or contractual link to the entity, with figures and paths' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD (default today)' })
  effectiveOwners(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @Query('asOf') asOf?: string): Promise<{ items: EffectiveOwnerView[]; asOf: string }> {
    return this.registry.effectiveOwnersFor(principal, id, asOf);
  }

  @Post('interests')
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Record an interest statement (BODS 0.4 interest type and share)' })
  recordInterest(@CurrentPrincipal() principal: Principal, @Body() dto: RecordInterestDto, @CurrentRequest() ctx: RequestMeta): Promise<InterestView> {
    return this.registry.recordInterest(principal, dto, ctx);
  }

  @Get('interests')
  @ApiOperation({ summary: 'Interest statements in force (or as of a date) around an entity' })
  @ApiQuery({ name: 'entityId', required: false })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'includeEnded', required: false })
  async listInterests(
    @CurrentPrincipal() principal: Principal,
    @Query('entityId') entityId?: string,
    @Query('asOf') asOf?: string,
    @Query('includeEnded') includeEnded?: string,
  ): Promise<{ items: InterestView[]; nextCursor: null }> {
    if (!entityId && !isPlatformStaff(principal)) throw forbidden('Listing every interest needs a platform role; pass entityId to see one entity');
    return { items: await this.registry.listInterests(principal, { entityId, asOf, includeEnded: includeEnded === 'true' }), nextCursor: null };
  }

  @Post('interests/:id/end')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'End an interest statement (it stays on record)' })
  endInterest(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @Body() dto: EndInterestDto, @CurrentRequest() ctx: RequestMeta): Promise<InterestView> {
    return this.registry.endInterest(principal, id, dto.endDate, ctx);
  }

  @Post('interests/import')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Import BODS 0.4 statements (JSON array or JSON Lines); each bad statement is reported by index' })
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  async importBods(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Body() body: unknown, @CurrentRequest() ctx: RequestMeta): Promise<BodsImportResult> {
    // CSV (or anything else) is not BODS: say so instead of reporting parse errors.
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!BODS_CONTENT_TYPES.includes(type)) throw new DomainError(ErrorCode.UnsupportedMediaType, `Send BODS statements as ${BODS_CONTENT_TYPES.join(' or ')}`);
    return this.bods.import(principal, await readBodyText(body, BODS_IMPORT_MAX_BYTES), ctx);
  }

  @Get('registry/bods')
  @Roles('platform_admin', 'auditor')
  @Header('content-disposition', 'attachment; filename="quorum-registry.bods.json"')
  @ApiOperation({ summary: 'The registry in force today as BODS 0.4 statements' })
  exportBods(): Promise<BodsStatementOut[]> {
    return this.bods.export('Quorum neutrality registry');
  }
}
