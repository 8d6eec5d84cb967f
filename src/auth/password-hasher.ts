import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';

/** bcrypt cost: about 70 ms per hash on this class of machine, slow enough to resist offline guessing. */
const COST = 11;

@Injectable()
export class PasswordHasher {
  /**
   * A real hash of a random password, compared against when the user is unknown, so timing does not tell.
   * Made in the background (bcryptjs yields between rounds) rather than blocking startup for its ~100 ms.
   */
  private readonly decoy = bcrypt.hash(`decoy-${Math.random()}`, COST);

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, COST);
  }

  /** Always costs one bcrypt comparison, whether or not there is a hash to compare with. */
  async verify(password: string, hash: string | null): Promise<boolean> {
    const matches = await bcrypt.compare(password, hash ?? (await this.decoy));
    return hash !== null && matches;
  }
}
