import type { Pool } from 'pg';
import type { ApiKey, CreatedApiKey, KeyScope, NewApiKey } from './api-key';
import { generateKeyMaterial, hashKey } from './key-material';
import { validateNewKey } from './validate-new-key';

interface ApiKeyRow {
  id: string;
  name: string;
  key_prefix: string;
  tenant_ids: string[];
  event_types: string[];
  scopes: KeyScope[];
  created_at: Date;
  revoked_at: Date | null;
}

export type RevokeOutcome = 'revoked' | 'already_revoked' | 'not_found';

const COLUMNS = 'id, name, key_prefix, tenant_ids, event_types, scopes, created_at, revoked_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The api_keys table. Only hashes are stored: a presented key is found by hashing it. */
export class ApiKeyStore {
  constructor(private readonly pool: Pool) {}

  async create(input: NewApiKey): Promise<CreatedApiKey> {
    const { name, tenantIds, eventTypes, scopes } = validateNewKey(input);
    const material = generateKeyMaterial();
    const { rows } = await this.pool.query<ApiKeyRow>(`INSERT INTO api_keys (name, key_prefix, key_hash, tenant_ids, event_types, scopes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`, [
      name,
      material.displayPrefix,
      material.hash,
      tenantIds,
      eventTypes,
      scopes,
    ]);
    return { key: toApiKey(rows[0]), plaintext: material.plaintext };
  }

  /** The active key a request presented, or undefined when it is unknown or revoked. */
  async findByPresentedKey(presented: string): Promise<ApiKey | undefined> {
    const { rows } = await this.pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [hashKey(presented)]);
    return rows[0] && toApiKey(rows[0]);
  }

  async findById(id: string): Promise<ApiKey | undefined> {
    if (!UUID.test(id)) return undefined;
    const { rows } = await this.pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return rows[0] && toApiKey(rows[0]);
  }

  /** Revoking keeps the row, so `list` still shows who had which key and when it stopped working. */
  async revoke(id: string): Promise<RevokeOutcome> {
    if (!UUID.test(id)) return 'not_found';
    const { rowCount } = await this.pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
    if (rowCount) return 'revoked';
    return (await this.findById(id)) ? 'already_revoked' : 'not_found';
  }

  async list(): Promise<ApiKey[]> {
    const { rows } = await this.pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`);
    return rows.map(toApiKey);
  }
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    tenantIds: row.tenant_ids,
    eventTypes: row.event_types,
    scopes: row.scopes,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
