/** The API-key lookup the guard uses: ApiKeyStore behind a CachedKeyLookup (INGEST_KEY_CACHE_TTL_MS). */
export const KEY_LOOKUP = Symbol('KEY_LOOKUP');
