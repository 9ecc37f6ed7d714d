import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { RegistryModule } from '@quorum/api/registry';
import { AuthController } from './auth.controller';
import { IdentityService } from './identity.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { OrgsController } from './orgs.controller';

@Module({
  controllers: [AuthController, OrgsController],
  exports: [IdentityService],
  imports: [AuditModule, RegistryModule],
  providers: [IdentityService, LoginRateLimiter],
})
export class IdentityModule {}
