import { kafkaLine } from './kafka-message';

const at = { topic: 'logs', partition: 2, offset: '41' };

describe('kafkaLine', () => {
  it('splices topic, partition, offset and time in front of a JSON object, whose own keys win', () => {
    const decoded = kafkaLine(Buffer.from(' {"message":"m","timestamp_ms":5} '), at, '1764669600000');
    expect('line' in decoded && JSON.parse(decoded.line)).toEqual({ 'kafka.topic': 'logs', 'kafka.partition': 2, 'kafka.offset': '41', timestamp_ms: 5, message: 'm' });
    const empty = kafkaLine(Buffer.from('{}'), at, '1');
    expect('line' in empty && JSON.parse(empty.line)).toMatchObject({ 'kafka.offset': '41' });
  });

  it('keeps other text, broken JSON included, as a message', () => {
    const decoded = kafkaLine(Buffer.from('{"broken'), at, '1');
    expect('line' in decoded && JSON.parse(decoded.line)).toMatchObject({ message: '{"broken', 'kafka.partition': 2 });
  });

  it('rejects empty, binary and oversize messages with where they were', () => {
    expect(kafkaLine(null, at, '1')).toEqual({ error: 'empty message', detail: 'logs/2@41' });
    expect(kafkaLine(Buffer.from([0x00, 0x01]), at, '1')).toMatchObject({ error: 'binary data' });
    expect(kafkaLine(Buffer.alloc(1024 * 1024 + 1, 'a'), at, '1')).toMatchObject({ error: 'message too long' });
  });
});
