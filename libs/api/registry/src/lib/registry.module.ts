import { Module } from '@nestjs/common';
import { EntitiesService } from './entities/entities.service';

@Module({
  exports: [EntitiesService],
  providers: [EntitiesService],
})
export class RegistryModule {}
