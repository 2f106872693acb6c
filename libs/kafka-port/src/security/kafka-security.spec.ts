import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurityFromEnv } from './kafka-security';

const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
const caFile = join(dir, 'ca.pem');
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
writeFileSync(caFile, PEM);

describe('kafkaSecurityFromEnv', () => {
  it('is plaintext when nothing is set', () => {
    expect(kafkaSecurityFromEnv({})).toEqual({});
  });

  it('reads the SASL credentials and the CA file, SCRAM-SHA-512 by default', () => {
    expect(kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'usage-projector', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_SSL_CA_FILE: caFile })).toEqual({
      ssl: { ca: PEM },
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'usage-projector', password: 's3cret' },
    });
  });

  it('puts SASL on TLS even without a CA file (the system CAs), never on a plaintext socket', () => {
    expect(kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toEqual({
      ssl: {},
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' },
    });
  });

  it('refuses an unknown mechanism, naming the variable and the choices', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_MECHANISM: 'GSSAPI' })).toThrow(
      'KAFKA_SASL_MECHANISM must be one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN, got "GSSAPI"',
    );
  });

  it('refuses half a credential without repeating the password', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_PASSWORD: 'hunter2' })).toThrow(/^KAFKA_SASL_USERNAME must be set/);
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_PASSWORD: 'hunter2' })).not.toThrow(/hunter2/);
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'u' })).toThrow('KAFKA_SASL_PASSWORD must be set when KAFKA_SASL_USERNAME is (user "u")');
  });

  it('refuses an unreadable or non-PEM CA file, naming the variable and the file', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') })).toThrow(`KAFKA_SSL_CA_FILE ${join(dir, 'missing.pem')} is unreadable: ENOENT`);
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => kafkaSecurityFromEnv({ KAFKA_SSL_CA_FILE: notPem })).toThrow(`KAFKA_SSL_CA_FILE ${notPem} holds no PEM certificate`);
  });
});
