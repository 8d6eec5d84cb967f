import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isPgError, PG_ERROR } from '../infra/database/pg-errors';
import type { Role } from '../config/settings';
import { UserEntity } from './entities/user.entity';

export interface NewUser {
  username: string;
  email: string;
  passwordHash: string | null;
  role: Role;
}

export type CreateUserResult = { created: true; user: UserEntity } | { created: false; taken: 'username' | 'email' };

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Usernames and emails are unique case-insensitively; login accepts either. */
  findByUsernameOrEmail(login: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:login) OR lower(user.email) = lower(:login)', { login })
      .orderBy('user.id')
      .getOne();
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('user').where('lower(user.username) = lower(:username)', { username }).getOne();
  }

  /** Inserts the user; the unique indexes decide races, so two concurrent registrations cannot both win. */
  async create(user: NewUser): Promise<CreateUserResult> {
    try {
      const saved = await this.users.save(this.users.create(user));
      return { created: true, user: saved };
    } catch (error) {
      if (isPgError(error, PG_ERROR.uniqueViolation)) {
        const constraint = (error.driverError as { constraint?: string }).constraint ?? '';
        return { created: false, taken: constraint.includes('email') ? 'email' : 'username' };
      }
      throw error;
    }
  }
}
