import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Settings } from '../config/settings';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
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
  providers: [AuthService, Authenticator, PasswordHasher, UsersRepository, UserDirectory],
  exports: [UserDirectory, Authenticator],
})
export class AuthModule {}
