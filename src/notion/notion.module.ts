import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PendingSyncEntity } from './entities/pending-sync.entity';
import { NotionAdapter } from './notion.adapter';
import { NotionCaller } from './notion-caller';
import { NotionPacer } from './notion-pacer';
import { NotionPort } from './notion.port';
import { PendingSyncsRepository } from './pending-syncs.repository';

/** The Notion reviews database (port and adapter, paced) and the durable list of repairs owed to it. */
@Module({
  imports: [TypeOrmModule.forFeature([PendingSyncEntity])],
  providers: [NotionPacer, NotionCaller, { provide: NotionPort, useClass: NotionAdapter }, PendingSyncsRepository],
  exports: [NotionPort, NotionPacer, PendingSyncsRepository],
})
export class NotionModule {}
