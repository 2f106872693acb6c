import { loadSaslStack, saslClientEnv, saslStackEntries } from './sasl-stack-env';

const stack = { brokers: '127.0.0.1:9098', mechanism: 'SCRAM-SHA-512', caFile: '/x/ca.pem', passwords: { 'usage-projector': 'pw-1' } };

describe('the SASL_SSL listener in stack.env', () => {
  it('round-trips through the lines stack:up writes', () => {
    const entries = saslStackEntries(stack);
    expect(entries.STACK_KAFKA_SASL_PASSWORD_USAGE_PROJECTOR).toBe('pw-1');
    expect(loadSaslStack(['usage-projector'], {}, entries)).toEqual(stack);
  });

  it('hands an app the variables the Kafka port reads, as its own user', () => {
    expect(saslClientEnv(stack, 'usage-projector')).toEqual({
      KAFKA_BROKERS: '127.0.0.1:9098',
      KAFKA_SASL_USERNAME: 'usage-projector',
      KAFKA_SASL_PASSWORD: 'pw-1',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SSL_CA_FILE: '/x/ca.pem',
    });
  });

  it('says how to start the listener when the stack has none', () => {
    expect(() => loadSaslStack(['usage-projector'], {}, {})).toThrow(/The stack has no SASL_SSL listener .*EVENTLINE_KAFKA_SECURITY=sasl_ssl npm run stack:up/);
  });
});
