import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ReadinessCache } from './readiness-cache';

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers: [ReadinessCache] })
export class HealthModule {}
