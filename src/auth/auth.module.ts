import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Settings } from '../config/settings';
import { WindowCounter } from '../infra/rate-limit/window-counter';
import { RedisConnection } from '../infra/redis/redis-connection';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { UserEntity } from './entities/user.entity';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { RevocationsRepository } from './revocations.repository';
import { StaticTokenUsers } from './static-token-users';
import { TokenRevocations } from './token-revocations';
import { UserDirectory } from './user-directory';
import { UsersRepository } from './users.repository';

const ISSUER = 'cinemateca';
const AUDIENCE = 'cinemateca-api';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Settings, true>) => {
        const auth = config.get('auth', { infer: true });
        return {
          secret: auth.jwtSecret,
          signOptions: { algorithm: 'HS256', expiresIn: auth.jwtExpiresInSeconds, issuer: ISSUER, audience: AUDIENCE },
          verifyOptions: { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    Authenticator,
    PasswordHasher,
    UsersRepository,
    UserDirectory,
    StaticTokenUsers,
    RevocationsRepository,
    TokenRevocations,
    { provide: WindowCounter, inject: [RedisConnection], useFactory: (redis: RedisConnection) => new WindowCounter(redis) },
    { provide: LoginLimiter, inject: [WindowCounter], useFactory: (counter: WindowCounter) => new LoginLimiter(counter) },
    {
      provide: AuthFailureLimiter,
      inject: [WindowCounter, RedisConnection, ConfigService],
      useFactory: (counter: WindowCounter, redis: RedisConnection, config: ConfigService<Settings, true>) =>
        new AuthFailureLimiter(counter, redis, config),
    },
  ],
  exports: [UserDirectory, Authenticator, AuthFailureLimiter],
})
export class AuthModule {}
