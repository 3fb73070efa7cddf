import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Encryption at rest for what people entrust to the bot (debrief answers, notes, asks).
// AES-256-GCM; the associated data binds each value to its tenant and record, so a value copied
// into another workspace's row, or another record, fails to decrypt instead of being shown there.
// Each sealed value names the key that sealed it, so keys can be rotated without a flag day.

export interface DataKey {
  id: string;
  key: Buffer;
}

/** Where a sealed value belongs. Both parts come from verified ids, never from user text. */
export interface SealContext {
  tenant: string;
  record: string;
}

export interface DataCipher {
  /** The key new values are sealed with (the first one configured). */
  readonly activeKeyId: string;
  seal(plaintext: string, context: SealContext): string;
  /** Throws DataCipherError when the key is unknown, the value was altered or moved. */
  open(sealed: string, context: SealContext): string;
  /** True when the value was sealed with a key other than the active one. */
  isStale(sealed: string): boolean;
}

export class DataCipherError extends Error {
  override name = 'DataCipherError';
}

const VERSION = 'v1';
const b64url = (buf: Buffer) => buf.toString('base64url');

/**
 * Parses ENGAGE_DATA_KEY: one or more comma-separated keys, each `id:base64` or bare base64 of 32
 * bytes (its id is then derived from the key). The first key seals; all of them open.
 */
export function parseDataKeys(value: string): DataKey[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const named = /^([A-Za-z0-9_-]{1,32}):(.+)$/.exec(part);
      const encoded = named ? named[2]! : part;
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== 32) throw new DataCipherError('each key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
      return { id: named ? named[1]! : keyIdOf(key), key };
    });
  if (keys.length === 0) throw new DataCipherError('no key given');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new DataCipherError('two keys share an id');
  return keys;
}

/** A short, stable, non-secret id for a key: the start of its SHA-256. */
export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export const generateDataKey = (): string => randomBytes(32).toString('base64');

export function createDataCipher(keys: readonly DataKey[]): DataCipher {
  const active = keys[0];
  if (!active) throw new DataCipherError('no key given');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const aad = ({ tenant, record }: SealContext) => Buffer.from(`${VERSION}\n${tenant}\n${record}`, 'utf8');

  return {
    activeKeyId: active.id,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active.key, iv);
      cipher.setAAD(aad(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, active.id, b64url(iv), b64url(cipher.getAuthTag()), b64url(body)].join('.');
    },
    open(sealed, context) {
      const parts = typeof sealed === 'string' ? sealed.split('.') : [];
      if (parts.length !== 5 || parts[0] !== VERSION) throw new DataCipherError('not a sealed value');
      const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
      const key = byId.get(keyId);
      if (!key) throw new DataCipherError(`sealed with key "${keyId}", which is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(aad(context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new DataCipherError('the value does not belong here or was altered');
      }
    },
    isStale(sealed) {
      return sealed.split('.')[1] !== active.id;
    },
  };
}
