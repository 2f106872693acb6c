import { readGatewayConfig } from './gateway-config';

describe('readGatewayConfig', () => {
  it('listens on loopback port 8088 with a 1 MiB body limit and a 2 s key cache by default', () => {
    expect(readGatewayConfig({})).toEqual({ host: '127.0.0.1', port: 8088, maxBodyBytes: 1_048_576, maxBatchSize: 500, keyCacheTtlMs: 2_000 });
  });

  it('reads INGEST_KEY_CACHE_TTL_MS; 0 asks PostgreSQL on every request', () => {
    expect(readGatewayConfig({ INGEST_KEY_CACHE_TTL_MS: '0' }).keyCacheTtlMs).toBe(0);
    expect(() => readGatewayConfig({ INGEST_KEY_CACHE_TTL_MS: 'soon' })).toThrow(/INGEST_KEY_CACHE_TTL_MS/);
  });

  it('reads INGEST_HOST, INGEST_PORT and INGEST_MAX_BODY_BYTES', () => {
    expect(readGatewayConfig({ INGEST_HOST: '0.0.0.0', INGEST_PORT: '9000', INGEST_MAX_BODY_BYTES: '2048' })).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      maxBodyBytes: 2048,
    });
  });

  it('refuses a limit that is not a positive integer, naming the variable', () => {
    expect(() => readGatewayConfig({ INGEST_MAX_BODY_BYTES: '1mb' })).toThrow(/INGEST_MAX_BODY_BYTES must be an integer ≥ 1, got "1mb"/);
    expect(() => readGatewayConfig({ INGEST_PORT: '-1' })).toThrow(/INGEST_PORT/);
  });
});
