import { currentRequestContext, parseTraceparent, requestContextOf, runInRequestContext } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestContextOf', () => {
  it('generates a request id and uses it as the correlation id when the caller sends none', () => {
    const c = requestContextOf({});
    expect(c.requestId).toMatch(UUID);
    expect(c.correlationId).toBe(c.requestId);
    expect(c.traceId).toBeNull();
  });

  it("keeps the caller's safe ids and replaces unsafe or overlong ones", () => {
    expect(requestContextOf({ 'x-request-id': 'req-1', 'x-correlation-id': 'txn:42' })).toMatchObject({ requestId: 'req-1', correlationId: 'txn:42' });
    const unsafe = requestContextOf({ 'x-request-id': 'a b\n<script>', 'x-correlation-id': 'x'.repeat(129) });
    expect(unsafe.requestId).toMatch(UUID);
    expect(unsafe.correlationId).toBe(unsafe.requestId);
    expect(requestContextOf({ 'x-request-id': 'r'.repeat(128) }).requestId).toHaveLength(128);
  });

  it('takes the trace id of a valid traceparent, which also correlates when no correlation id is sent', () => {
    const c = requestContextOf({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    expect(c).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7', correlationId: '4bf92f3577b34da6a3ce929d0e0e4736' });
  });

  it('ignores invalid traceparents', () => {
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeNull();
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01')).toBeNull();
    expect(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeNull();
    expect(parseTraceparent('garbage')).toBeNull();
  });

  it('makes the context visible to code running for the request', async () => {
    const c = requestContextOf({ 'x-request-id': 'inside' });
    await runInRequestContext(c, async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(currentRequestContext()?.requestId).toBe('inside');
    });
    expect(currentRequestContext()).toBeUndefined();
  });
});
