/**
 * A Server-Sent Events parser (the `text/event-stream` format of the HTML standard),
 * fed with text chunks as `fetch` reads them, so that the source keeps control of the
 * request: its headers (`Last-Event-ID`), its status code and its reconnection.
 */

/** One dispatched event. */
export interface SseMessage {
  /** The `event:` field; `message` when absent. */
  event: string;
  data: string;
  /** The last `id:` seen so far in the stream (it carries over to later events), if any. */
  id: string | undefined;
}

export interface SseHandlers {
  message(message: SseMessage): void;
  /** A block that set an `id:` and carried no data: the stream says where it stands. */
  idOnly?(id: string): void;
}

export class SseParser {
  #buffer = '';
  /** A chunk ended with `\r`: a `\n` opening the next chunk belongs to the same line end. */
  #skipLeadingLf = false;
  #event = '';
  #data: string[] = [];
  #lastId: string | undefined;
  #idInBlock = false;
  readonly #handlers: SseHandlers;

  constructor(handlers: SseHandlers) {
    this.#handlers = handlers;
  }

  get lastEventId(): string | undefined {
    return this.#lastId;
  }

  /** Feeds decoded text; complete events are dispatched at once. */
  push(chunk: string): void {
    let text = chunk;
    if (this.#skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
    this.#skipLeadingLf = false;
    this.#buffer += text;
    let start = 0;
    for (;;) {
      const lf = this.#buffer.indexOf('\n', start);
      const cr = this.#buffer.indexOf('\r', start);
      if (lf === -1 && cr === -1) break;
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      const line = this.#buffer.slice(start, end);
      if (this.#buffer[end] === '\r') {
        if (end + 1 === this.#buffer.length) this.#skipLeadingLf = true;
        start = this.#buffer[end + 1] === '\n' ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
      this.#line(line);
    }
    this.#buffer = this.#buffer.slice(start);
  }

  #line(line: string): void {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.startsWith(':')) return; // a comment: a heartbeat
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#event = value;
        break;
      case 'data':
        this.#data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.#lastId = value;
          this.#idInBlock = true;
        }
        break;
      default:
        // `retry:` and unknown fields: this client owns its reconnection timing.
        break;
    }
  }

  #dispatch(): void {
    const data = this.#data;
    const event = this.#event || 'message';
    const idInBlock = this.#idInBlock;
    this.#data = [];
    this.#event = '';
    this.#idInBlock = false;
    if (data.length === 0) {
      if (idInBlock && this.#lastId !== undefined) this.#handlers.idOnly?.(this.#lastId);
      return;
    }
    this.#handlers.message({ event, data: data.join('\n'), id: this.#lastId });
  }
}
