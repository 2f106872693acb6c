/** A stored key as the rest of Eventline sees it: never the key itself, only its first characters. */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's first 12 characters, enough for a person to tell keys apart. */
  keyPrefix: string;
  /** Tenants the key may publish for; '*' allows every tenant. */
  tenantIds: string[];
  /** Event types the key may publish: exact names, or prefixes ending in '*'. */
  eventTypes: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  tenantIds: string[];
  eventTypes: string[];
}

/** What create() returns: the only moment the plaintext key exists outside the caller's hands. */
export interface CreatedApiKey {
  key: ApiKey;
  plaintext: string;
}
