import { Module } from '@nestjs/common';
import { NotionAdapter } from './notion.adapter';
import { NotionCaller } from './notion-caller';
import { NotionPacer } from './notion-pacer';
import { NotionPort } from './notion.port';

/** The Notion reviews database: port and adapter, every call paced under Notion's rate limit. */
@Module({
  providers: [NotionPacer, NotionCaller, { provide: NotionPort, useClass: NotionAdapter }],
  exports: [NotionPort, NotionPacer],
})
export class NotionModule {}
