import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FavoritesModule } from '../favorites/favorites.module';
import { SharedListEntity } from './entities/shared-list.entity';
import { SharedListsController } from './shared-lists.controller';
import { SharedListsRepository } from './shared-lists.repository';
import { SharedListsService } from './shared-lists.service';

@Module({
  imports: [TypeOrmModule.forFeature([SharedListEntity]), FavoritesModule],
  controllers: [SharedListsController],
  providers: [SharedListsRepository, SharedListsService],
})
export class SharedListsModule {}
