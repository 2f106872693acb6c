import type { BaseOptions } from '@platformatic/kafka';
import type { KafkaClientOptions } from '../kafka-port';

/** The port's ssl/sasl options in @platformatic/kafka's terms (`tls`, upper-case mechanisms); nothing when neither is set. */
export function platformaticSecurity(options: KafkaClientOptions): Pick<BaseOptions, 'tls' | 'sasl'> {
  const { ssl, sasl } = options;
  if (!ssl && !sasl) return {};
  const tls = ssl?.ca ? { ca: ssl.ca } : {};
  if (!sasl) return { tls };
  return { tls, sasl: { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } };
}
