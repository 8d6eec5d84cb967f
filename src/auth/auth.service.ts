import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthUser } from '../common/auth/auth-user';
import { ConflictError, NotFoundError, UnauthenticatedError } from '../common/errors/domain-error';
import { Settings } from '../config/settings';
import { Authenticator } from './authenticator';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

export interface UserView {
  id: number;
  username: string;
  email: string;
  role: 'ADMIN' | 'USER';
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly authenticator: Authenticator,
    private readonly config: ConfigService<Settings, true>,
  ) {}

  async register(input: { username: string; email: string; password: string }): Promise<UserView> {
    const passwordHash = await this.hasher.hash(input.password);
    const result = await this.users.create({ username: input.username, email: input.email, passwordHash, role: 'USER' });
    if (!result.created) {
      throw new ConflictError(
        result.taken === 'email' ? 'EmailTaken' : 'UsernameTaken',
        `That ${result.taken} is already registered.`,
      );
    }
    return toView(result.user);
  }

  /** The same answer, after the same work, for an unknown user and a wrong password. */
  async login(login: string, password: string): Promise<IssuedToken> {
    const user = await this.users.findByUsernameOrEmail(login);
    const valid = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !valid) throw new UnauthenticatedError('InvalidCredentials', 'The username or password is wrong.');
    return {
      accessToken: this.authenticator.issue({ id: user.id, username: user.username, role: user.role }),
      expiresIn: this.config.get('auth', { infer: true }).jwtExpiresInSeconds,
    };
  }

  async me(caller: AuthUser): Promise<UserView> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new NotFoundError('UserNotFound', 'Your account no longer exists.');
    return toView(user);
  }
}

function toView(user: UserEntity): UserView {
  return { id: user.id, username: user.username, email: user.email, role: user.role };
}
