import { expect } from '@open-wc/testing';
import { SseParser, type SseMessage } from '../../src/source/event-stream.js';

function parse(chunks: string[]): { messages: SseMessage[]; idOnly: string[] } {
  const messages: SseMessage[] = [];
  const idOnly: string[] = [];
  const parser = new SseParser({ message: (m) => messages.push(m), idOnly: (id) => idOnly.push(id) });
  for (const chunk of chunks) parser.push(chunk);
  return { messages, idOnly };
}

describe('SseParser', () => {
  it('dispatches an event with its id, type and data', () => {
    const { messages } = parse(['id: 7\nevent: job\ndata: {"a":1}\n\n']);
    expect(messages).to.deep.equal([{ id: '7', event: 'job', data: '{"a":1}' }]);
  });

  it('joins data lines with newlines and names an untyped event "message"', () => {
    const { messages } = parse(['data: one\ndata:two\ndata\n\n']);
    expect(messages).to.deep.equal([{ id: undefined, event: 'message', data: 'one\ntwo\n' }]);
  });

  it('reads events split anywhere across chunks, with CRLF, CR or LF line ends', () => {
    const text = 'id: 1\r\nevent: job\r\ndata: a\r\n\r\nid: 2\rdata: b\r\rid: 3\ndata: c\n\n';
    const whole = parse([text]).messages;
    expect(whole.map((m) => [m.id, m.data])).to.deep.equal([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)]).messages, `cut at ${cut}`).to.deep.equal(whole);
    }
    expect(parse([...text]).messages, 'one character at a time').to.deep.equal(whole);
  });

  it('ignores comments (heartbeats), retry and unknown fields', () => {
    const { messages } = parse([': heartbeat\n\nretry: 3000\nfoo: bar\ndata: x\n\n: heartbeat\n\n']);
    expect(messages).to.deep.equal([{ id: undefined, event: 'message', data: 'x' }]);
  });

  it('keeps the last id for later events and reports an id-only block', () => {
    const { messages, idOnly } = parse(['retry: 3000\nid: 41\n\n', 'data: a\n\n', 'id: 42\ndata: b\n\n']);
    expect(idOnly).to.deep.equal(['41']);
    expect(messages.map((m) => m.id)).to.deep.equal(['41', '42']);
  });

  it('does not dispatch an event whose block has not ended', () => {
    const { messages } = parse(['id: 1\ndata: half']);
    expect(messages).to.deep.equal([]);
  });
});
