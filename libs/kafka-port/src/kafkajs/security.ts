import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaClientOptions } from '../kafka-port';

const MECHANISMS = { 'SCRAM-SHA-512': 'scram-sha-512', 'SCRAM-SHA-256': 'scram-sha-256', PLAIN: 'plain' } as const;

/** The port's ssl/sasl options in kafkajs' terms (lower-case mechanism names); nothing when neither is set. */
export function kafkajsSecurity(options: KafkaClientOptions): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { ssl, sasl } = options;
  if (!ssl && !sasl) return {};
  const tls = ssl?.ca ? { ca: [ssl.ca] } : true;
  if (!sasl) return { ssl: tls };
  const credentials = { mechanism: MECHANISMS[sasl.mechanism], username: sasl.username, password: sasl.password } as SASLOptions;
  return { ssl: tls, sasl: credentials };
}
