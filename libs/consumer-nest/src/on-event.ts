import { EventPattern } from '@nestjs/microservices';

/**
 * Marks a provider method as the handler of one event type ('*' for every event). The method
 * receives the partition batch's events of that type: `(events: DecodedEvent[], context: BatchContext)`.
 */
export const OnEvent = (eventType: string): MethodDecorator => EventPattern<string>(eventType);
