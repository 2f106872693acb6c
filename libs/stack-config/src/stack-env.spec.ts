import { formatEnvFile, parseEnvFile } from './env-file';
import { loadStackEndpoints } from './stack-env';

const file = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/eventline',
};

describe('loadStackEndpoints', () => {
  it('reads the stack.env entries when the environment is silent', () => {
    expect(loadStackEndpoints({}, file)).toEqual({
      kafkaBrokers: ['127.0.0.1:9092'],
      schemaRegistryUrl: file.SCHEMA_REGISTRY_URL,
      databaseUrl: file.DATABASE_URL,
    });
  });

  it('prefers the environment over the file, per variable', () => {
    const endpoints = loadStackEndpoints({ KAFKA_BROKERS: 'a:1, b:2' }, file);
    expect(endpoints.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(endpoints.databaseUrl).toBe(file.DATABASE_URL);
  });

  it('names every missing variable and the command that provides them', () => {
    expect(() => loadStackEndpoints({}, { KAFKA_BROKERS: 'x:1' })).toThrow(/SCHEMA_REGISTRY_URL, DATABASE_URL.*npm run stack:up/);
  });
});

describe('env file format', () => {
  it('round-trips entries and skips comments', () => {
    const text = formatEnvFile(file, 'written by test');
    expect(text.startsWith('# written by test\n')).toBe(true);
    expect(parseEnvFile(text)).toEqual(file);
  });

  it('keeps "=" inside values', () => {
    expect(parseEnvFile('DATABASE_URL=postgres://u:p=w@h/db?x=1')).toEqual({
      DATABASE_URL: 'postgres://u:p=w@h/db?x=1',
    });
  });
});
