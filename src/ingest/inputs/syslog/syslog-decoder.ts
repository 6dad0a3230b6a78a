import { FrameDecoder } from '../listener/tcp-listener';
import { parseSyslog } from './syslog-message';

/** A syslog frame as the pipeline's NDJSON line. */
export const decodeSyslog: FrameDecoder = (text) => {
  const parsed = parseSyslog(text);
  return 'error' in parsed ? parsed : { line: JSON.stringify(parsed.record) };
};
