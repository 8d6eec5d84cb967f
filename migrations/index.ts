import { CreateUsers1764000000000 } from './1764000000000-create-users';

/** Every migration in order. Listed explicitly so the build and the tests load the same set. */
export const ALL_MIGRATIONS = [CreateUsers1764000000000];
