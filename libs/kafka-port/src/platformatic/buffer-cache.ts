/**
 * Buffers of strings that repeat on every message (header names, tenant keys), made once. The
 * client wants Buffers; a Buffer.from per header per message was 5 % of the publish profile with
 * the garbage it left. Bounded: past `limit` distinct strings it starts afresh.
 */
export class BufferCache {
  private readonly buffers = new Map<string, Buffer>();

  constructor(private readonly limit = 10_000) {}

  get(text: string): Buffer {
    let buffer = this.buffers.get(text);
    if (!buffer) {
      if (this.buffers.size >= this.limit) this.buffers.clear();
      this.buffers.set(text, (buffer = Buffer.from(text)));
    }
    return buffer;
  }
}
