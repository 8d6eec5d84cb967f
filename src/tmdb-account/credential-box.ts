import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Stored values start with this, so a later key or algorithm can be told apart from this one. */
const VERSION = 'v1';

/** What a sealed value belongs to: the user it was stored for and which credential it is. */
export interface SealContext {
  userId: number;
  purpose: 'tmdb-access-token' | 'tmdb-session-id';
}

/** A sealed value that does not open: wrong key, tampered, or moved to another user's row. Says nothing of the value. */
export class CredentialBoxError extends Error {
  constructor() {
    super('A stored credential could not be decrypted.');
    this.name = 'CredentialBoxError';
  }
}

/**
 * AES-256-GCM for credentials kept for users (ENCRYPTION_KEY). Every value gets a
 * random 96-bit nonce, and the user id and the credential's purpose are bound as
 * associated data: a value copied into another user's row, or a session id
 * swapped for an access token, fails to open instead of being used.
 */
export class CredentialBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('CredentialBox needs a 32-byte key');
  }

  seal(plain: string, context: SealContext): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  open(sealed: string, context: SealContext): string {
    const [version, payload, ...rest] = sealed.split('.');
    if (version !== VERSION || !payload || rest.length > 0) throw new CredentialBoxError();
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new CredentialBoxError();
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, bytes.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new CredentialBoxError();
    }
  }
}

function associatedData({ userId, purpose }: SealContext): Buffer {
  return Buffer.from(`cinemateca:${purpose}:user:${userId}`, 'utf8');
}
