import { KafkaPortError } from '../errors';

/**
 * What the in-memory port leaves to a real broker (broker-side topic configs, record deletion):
 * a test that needs them belongs against the stack, so the call fails naming itself.
 */
export function unsupported(operation: string): KafkaPortError {
  return new KafkaPortError(`${operation} is not supported by the in-memory Kafka port: run this against a real broker`, false);
}

/** The same refusal a real client gives for a call on a client that was never connected. */
export function requireConnected(connected: boolean, what: string, operation: string): void {
  if (!connected) throw new KafkaPortError(`${operation}: the ${what} is not connected (call connect() first)`, false);
}
