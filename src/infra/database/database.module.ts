import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Settings } from '../../config/settings';
import { postgresOptions } from './postgres-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Settings, true>) => ({
        ...postgresOptions(config.get('database', { infer: true })),
        autoLoadEntities: true,
        // Keep trying for a while at startup: in Kubernetes the database may come up after us.
        retryAttempts: 10,
        retryDelay: 2000,
      }),
    }),
  ],
})
export class DatabaseModule {}
