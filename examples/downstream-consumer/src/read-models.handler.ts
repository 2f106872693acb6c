import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { TransactionalContext } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { AI_RESPONSE_EVENTS, recordAiResponses, type AiResponseEvent } from './ai-responses';
import { WATERMARK_EVENTS, recordWatermarks, type WatermarkEvent } from './watermarks';

/**
 * The two read models. Each handler gets its types' events of one partition batch, in order, typed from the
 * contracts; `tx` is the batch's transaction, in which the SDK also stores the group's offsets.
 */
@Controller()
export class ReadModelsHandler {
  @OnEvent(AI_RESPONSE_EVENTS)
  async aiResponses(@Payload() events: AiResponseEvent[], @Ctx() { tx }: TransactionalContext): Promise<void> {
    await recordAiResponses(tx, events);
  }

  @OnEvent(WATERMARK_EVENTS)
  async watermarks(@Payload() events: WatermarkEvent[], @Ctx() { tx }: TransactionalContext): Promise<void> {
    await recordWatermarks(tx, events);
  }
}
