import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

@Module({ imports: [AdminModule], controllers: [RetentionController], providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
