import { describe, expect, it } from 'vitest';
import { parseSseFrames } from '../../app/db/sync-stream';

describe('parseSseFrames', () => {
  it.each([
    ['event: change\ndata: {"a":1}\n\n', [{ event: 'change', data: '{"a":1}' }], ''],
    [': heartbeat\n\n', [], ''],
    ['retry: 5000\n: connected\n\n', [], ''],
    ['data: x\n\ndata: y', [{ event: 'message', data: 'x' }], 'data: y'],
    ['event: change\r\ndata: a\r\ndata: b\r\n\r\n', [{ event: 'change', data: 'a\nb' }], ''],
    ['event: change\ndata:no-space\n\n', [{ event: 'change', data: 'no-space' }], ''],
  ])('%j → frames and rest', (input, frames, rest) => {
    expect(parseSseFrames(input)).toEqual({ frames, rest });
  });
});
