import { createKafkaPort } from '../index';
import { KafkajsAdmin } from '../kafkajs/admin';
import { KafkajsConsumer } from '../kafkajs/consumer';
import { KafkajsProducer } from '../kafkajs/producer';
import { PlatformaticAdmin } from '../platformatic/admin';
import { PlatformaticConsumer } from '../platformatic/consumer/consumer';
import { PlatformaticProducer } from '../platformatic/producer';

const VARIABLES = ['EVENTLINE_KAFKA_CLIENT', 'EVENTLINE_KAFKA_PRODUCER_CLIENT', 'EVENTLINE_KAFKA_CONSUMER_CLIENT'] as const;

/** Builds the port under these variables (nothing connects) and names the class of each side. */
function sidesUnder(env: Partial<Record<(typeof VARIABLES)[number], string>>, client?: 'kafkajs' | 'platformatic') {
  const saved = VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  try {
    const kafka = createKafkaPort({ brokers: ['127.0.0.1:1'], clientId: 'choice-test', ...(client ? { client } : {}) });
    return { admin: kafka.admin(), producer: kafka.producer(), consumer: kafka.consumer({ groupId: 'choice-test' }) };
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('createKafkaPort', () => {
  it('uses the benchmarked default by default: @platformatic/kafka producers, kafkajs consumers and admin', () => {
    const sides = sidesUnder({});
    expect(sides.admin).toBeInstanceOf(KafkajsAdmin);
    expect(sides.producer).toBeInstanceOf(PlatformaticProducer);
    expect(sides.consumer).toBeInstanceOf(KafkajsConsumer);
  });

  it('uses kafkajs for every side with EVENTLINE_KAFKA_CLIENT=kafkajs', () => {
    const sides = sidesUnder({ EVENTLINE_KAFKA_CLIENT: 'kafkajs' });
    expect(sides.admin).toBeInstanceOf(KafkajsAdmin);
    expect(sides.producer).toBeInstanceOf(KafkajsProducer);
    expect(sides.consumer).toBeInstanceOf(KafkajsConsumer);
  });

  it('uses @platformatic/kafka everywhere with EVENTLINE_KAFKA_CLIENT=platformatic', () => {
    const sides = sidesUnder({ EVENTLINE_KAFKA_CLIENT: 'platformatic' });
    expect(sides.admin).toBeInstanceOf(PlatformaticAdmin);
    expect(sides.producer).toBeInstanceOf(PlatformaticProducer);
    expect(sides.consumer).toBeInstanceOf(PlatformaticConsumer);
  });

  it('takes each side from its own adapter when the per-side variables differ', () => {
    const sides = sidesUnder({ EVENTLINE_KAFKA_PRODUCER_CLIENT: 'platformatic', EVENTLINE_KAFKA_CONSUMER_CLIENT: 'kafkajs' });
    expect(sides.admin).toBeInstanceOf(KafkajsAdmin);
    expect(sides.producer).toBeInstanceOf(PlatformaticProducer);
    expect(sides.consumer).toBeInstanceOf(KafkajsConsumer);
  });

  it('lets a caller that names a client override the environment', () => {
    const sides = sidesUnder({ EVENTLINE_KAFKA_CLIENT: 'kafkajs' }, 'platformatic');
    expect(sides.consumer).toBeInstanceOf(PlatformaticConsumer);
  });

  it('refuses an unknown client by name', () => {
    expect(() => sidesUnder({ EVENTLINE_KAFKA_CONSUMER_CLIENT: 'rdkafka' })).toThrow(/EVENTLINE_KAFKA_CONSUMER_CLIENT="rdkafka" is not a Kafka client/);
  });
});
