import { Frame, FrameReader, frameText } from './frame-reader';

const show = (frames: Frame[]) => frames.map((f) => ('error' in f ? `!${f.error}` : f.data.toString()));

describe('FrameReader', () => {
  it('splits newline frames across chunks, CRLF too, keeping an unterminated last line', () => {
    const reader = new FrameReader(false);
    expect(show(reader.push(Buffer.from('one\r\ntw')))).toEqual(['one']);
    expect(show(reader.push(Buffer.from('o\n\nthr')))).toEqual(['two']);
    expect(show(reader.end())).toEqual(['thr']);
  });

  it('reads octet-counted frames mixed with newline frames, split anywhere', () => {
    const reader = new FrameReader(true);
    const stream = Buffer.from('11 <13>hello\nx5 <1>ab<13>line\n3 <1>');
    const frames: Frame[] = [];
    for (let i = 0; i < stream.length; i += 3) frames.push(...reader.push(stream.subarray(i, i + 3)));
    expect(show(frames)).toEqual(['<13>hello\nx', '<1>ab', '<13>line', '<1>']);
  });

  it('rejects a bad count, an oversize frame and a truncated frame, and resyncs at the next newline', () => {
    const reader = new FrameReader(true, 16);
    expect(show(reader.push(Buffer.from('12x <13>bad\n<13>ok\n99 <13>too long for it\n<13>after\n' + 'abcdefghijklmnopqrs\n<13>fine\n')))).toEqual([
      '!invalid octet count', '<13>ok', '!frame too long', '<13>after', '!frame too long', '<13>fine',
    ]);
    expect(show(reader.push(Buffer.from('10 <13>ab')))).toEqual([]);
    expect(show(reader.end())).toEqual(['!truncated frame']);
  });

  it('bounds a line that never ends', () => {
    const reader = new FrameReader(false, 8);
    expect(show(reader.push(Buffer.alloc(20, 'a')))).toEqual(['!frame too long']);
    expect(show(reader.push(Buffer.from('aaa\nok\n')))).toEqual(['ok']);
  });
});

describe('frameText', () => {
  it('refuses invalid UTF-8 and control characters, keeps tabs', () => {
    expect(frameText(Buffer.from([0xff, 0xfe, 0x41]))).toEqual({ error: 'not UTF-8' });
    expect(frameText(Buffer.from([0x41, 0x00, 0x42]))).toEqual({ error: 'binary data' });
    expect(frameText(Buffer.from('a\tb ü'))).toEqual({ text: 'a\tb ü' });
  });
});
