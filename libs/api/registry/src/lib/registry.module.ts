import { Module } from '@nestjs/common';
import { AuditModule } from '@quorum/api/audit';
import { BodsImportService } from './bods-import.service';
import { EntitiesService } from './entities/entities.service';
import { RegistryController } from './registry.controller';
import { RegistryService } from './registry.service';

@Module({
  controllers: [RegistryController],
  exports: [BodsImportService, EntitiesService, RegistryService],
  imports: [AuditModule],
  providers: [BodsImportService, EntitiesService, RegistryService],
})
export class RegistryModule {}
