/** What a key may do: publish events through the gateway, read its tenants' KPIs, or both. */
export const KEY_SCOPES = ['publish', 'read'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** A stored key as the rest of Eventline sees it: never the key itself, only its first characters. */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's first 12 characters, enough for a person to tell keys apart. */
  keyPrefix: string;
  /** Tenants the key may publish for or read; '*' allows every tenant, for publishing only. */
  tenantIds: string[];
  /** Event types the key may publish: exact names, or prefixes ending in '*'; none for a read-only key. */
  eventTypes: string[];
  scopes: KeyScope[];
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  tenantIds: string[];
  eventTypes: string[];
  /** ['publish'] when absent: what every key could do before scopes existed. */
  scopes?: KeyScope[];
}

/** What create() returns: the only moment the plaintext key exists outside the caller's hands. */
export interface CreatedApiKey {
  key: ApiKey;
  plaintext: string;
}
