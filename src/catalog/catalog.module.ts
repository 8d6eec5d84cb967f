import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogController } from './catalog.controller';
import { CatalogEvents } from './catalog-events';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { CatalogMovieEntity } from './entities/catalog-movie.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CatalogMovieEntity])],
  controllers: [CatalogController],
  providers: [CatalogService, CatalogRepository, CatalogEvents],
  exports: [CatalogService, CatalogEvents],
})
export class CatalogModule {}
