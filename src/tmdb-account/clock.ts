import { Injectable } from '@nestjs/common';

/**
 * The time the link feature reads: request-token expiry and the age of a linked
 * user's local copy. A class of its own so tests can move time instead of sleeping.
 */
@Injectable()
export class LinkClock {
  now(): Date {
    return new Date();
  }
}
