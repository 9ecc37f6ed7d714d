import { Module } from '@nestjs/common';
import { QualityModule } from '@quorum/api/quality';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  controllers: [TasksController],
  exports: [TasksService],
  imports: [QualityModule],
  providers: [TasksService],
})
export class TasksModule {}
