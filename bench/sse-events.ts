// Reading a text/event-stream as it arrives: the events complete in `buffer` (each ends with a
// blank line) with their `event:` name and `data:` JSON, and the incomplete rest to keep. Used by
// the live bench's SSE clients and the e2e tests' SSE reader.

export interface SseEvent {
  event: string | undefined;
  data: unknown;
}

export function takeSseEvents(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const lines = rest.slice(0, end).split('\n');
    rest = rest.slice(end + 2);
    const data = lines.find((l) => l.startsWith('data: '));
    if (!data) continue;
    const name = lines.find((l) => l.startsWith('event: '));
    events.push({ event: name?.slice(7), data: JSON.parse(data.slice(6)) });
  }
  return { events, rest };
}
