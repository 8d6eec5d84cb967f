import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';

/** What other features may ask about users, without reaching into the users table. */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UsersRepository) {}

  async exists(userId: number): Promise<boolean> {
    return (await this.users.findById(userId)) !== null;
  }
}
