import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '../canonical-json';

/**
 * A signed tree head: « the log `log` held `treeSize` events whose Merkle root is `rootHash` », signed with
 * Ed25519 by a key kept outside the database. Whoever can write the database cannot produce one; a verifier needs
 * only the public key.
 */
export interface SignedTreeHead {
  /** Which log (one per event store: « cvl », or a service's schema); a head of one log proves nothing about another. */
  log: string;
  /** 1, 2, 3… one per signature; the witness keeps them in this order. */
  sequence: number;
  treeSize: number;
  rootHash: string;
  /** ISO 8601 instant of the signature. */
  signedAt: string;
  /** First 16 hex digits of sha256 over the public key (SPKI DER). */
  keyId: string;
  /** Ed25519 over the canonical JSON of the other fields, base64. */
  signature: string;
}

export type UnsignedTreeHead = Omit<SignedTreeHead, 'signature'>;

/** The bytes signed: the head's fields, canonical JSON, under a domain tag so the key signs nothing else by mistake. */
export function treeHeadMessage(head: UnsignedTreeHead): Buffer {
  const { log, sequence, treeSize, rootHash, signedAt, keyId } = head;
  return Buffer.from(
    `cvl-tree-head/1\n${canonicalJson({ log, sequence, treeSize, rootHash, signedAt, keyId })}`,
    'utf8',
  );
}

function documentMessage(purpose: string, digest: string): Buffer {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(purpose) || !/^[0-9a-f]{64}$/.test(digest))
    throw new Error('sceau : objet ou empreinte invalide');
  return Buffer.from(`cvl-sealed-document/1\n${purpose}\n${digest}`, 'utf8');
}

export function verifyDocumentSeal(purpose: string, digest: string, seal: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, documentMessage(purpose, digest), publicKey, Buffer.from(seal, 'base64'));
  } catch {
    return false;
  }
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function verifyTreeHead(head: SignedTreeHead, publicKey: KeyObject): boolean {
  if (head.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, treeHeadMessage(head), publicKey, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The log's signing key: signs heads; its public half verifies them. */
export class LogSigningKey {
  readonly keyId: string;

  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {
    this.keyId = keyIdOf(publicKey);
  }

  static generate(): LogSigningKey {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return new LogSigningKey(privateKey, publicKey);
  }

  static fromPem(pem: string): LogSigningKey {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error(`clé de signature du journal : Ed25519 attendue, ${privateKey.asymmetricKeyType} trouvée`);
    return new LogSigningKey(privateKey, createPublicKey(privateKey));
  }

  /** Reads the key file; creates it (mode 0600, its folder 0700) when `create` and it does not exist yet. */
  static loadFile(path: string, create: boolean): LogSigningKey {
    if (!existsSync(path)) {
      if (!create) throw new Error(`clé de signature du journal introuvable : ${path}`);
      const key = LogSigningKey.generate();
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // Written whole under another name, then linked into place: several services starting together on one data
      // folder all end up with the one key that won, never with a half-written file.
      const draft = `${path}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(draft, key.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      try {
        linkSync(draft, path);
        return key;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        unlinkSync(draft);
      }
    }
    try {
      chmodSync(path, 0o600);
    } catch {
      // Read-only mounts (a secret volume) keep their own modes.
    }
    return LogSigningKey.fromPem(readFileSync(path, 'utf8'));
  }

  sign(head: UnsignedTreeHead): SignedTreeHead {
    if (head.keyId !== this.keyId) throw new Error('tête signée avec une autre clé que celle annoncée');
    return { ...head, signature: sign(null, treeHeadMessage(head), this.privateKey).toString('base64') };
  }

  /** Ed25519 over a document's digest under its purpose, base64 (a domain tag apart from tree heads'). */
  sealDocument(purpose: string, digest: string): string {
    return sign(null, documentMessage(purpose, digest), this.privateKey).toString('base64');
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`clé publique du journal : Ed25519 attendue, ${key.asymmetricKeyType} trouvée`);
  return key;
}
