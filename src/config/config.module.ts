import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Settings } from './settings';

/** The typed view of the settings: `config.get('cache', { infer: true })`. */
export type AppConfig = ConfigService<Settings, true>;

/** Makes the already validated settings available to every module through ConfigService. */
@Module({})
export class SettingsModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: SettingsModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          ignoreEnvVars: true,
          load: Object.entries(settings).map(([key, value]) => () => ({ [key]: value })),
        }),
      ],
      exports: [ConfigModule],
    };
  }
}
