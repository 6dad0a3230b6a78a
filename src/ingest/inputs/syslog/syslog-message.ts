// Syslog messages, RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`) and RFC 3164
// (`<PRI>Mmm dd hh:mm:ss HOST TAG[pid]: MSG`, also with an ISO timestamp as rsyslog
// forwards it), into input records: PRI gives facility and severity (→ level), APP-NAME or
// TAG the service, HOSTNAME the server; PROCID, MSGID and structured data stay in fields.

const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'security', 'console', 'solaris-cron',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

export type SyslogResult = { record: Record<string, unknown> } | { error: string; detail: string };

const PRI = /^<(\d{1,3})>/;
const RFC3164_TIME = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}) /;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) /;
const TAG = /^([^\s:[\]]{1,48})(?:\[([^\]]{1,128})\])?: ?/;

export function parseSyslog(text: string): SyslogResult {
  const pri = PRI.exec(text);
  if (!pri) return { error: 'invalid PRI', detail: `message must start with <0-191>, got ${JSON.stringify(text.slice(0, 12))}` };
  const value = Number(pri[1]);
  if (value > 191 || (pri[1].length > 1 && pri[1].startsWith('0'))) return { error: 'invalid PRI', detail: `<${pri[1]}> is not a priority (0-191)` };
  const syslog: Record<string, unknown> = { facility: FACILITIES[value >> 3], severity: SEVERITIES[value & 7] };
  const rest = text.slice(pri[0].length);
  const parsed = /^1 /.test(rest) ? parse5424(rest.slice(2), syslog) : { record: parse3164(rest, syslog) };
  if ('error' in parsed) return parsed;
  // Senders pad: rsyslog keeps the space after `TAG:` and ends octet-counted frames with LF.
  parsed.record.message = String(parsed.record.message).trim();
  parsed.record.level = SEVERITIES[value & 7];
  parsed.record.syslog = syslog;
  return parsed;
}

const nil = (token: string | undefined) => (token === undefined || token === '-' ? undefined : token);

function parse5424(text: string, syslog: Record<string, unknown>): SyslogResult {
  const parts = /^(\S+) (\S+) (\S+) (\S+) (\S+) ?/.exec(text);
  if (!parts) return { error: 'invalid RFC 5424 header', detail: 'expected TIMESTAMP HOSTNAME APP-NAME PROCID MSGID' };
  const record: Record<string, unknown> = {};
  if (nil(parts[1])) record['@timestamp'] = parts[1];
  if (nil(parts[2])) record.server = parts[2];
  if (nil(parts[3])) record.service = parts[3];
  syslog.version = 1;
  if (nil(parts[4])) syslog.procid = parts[4];
  if (nil(parts[5])) syslog.msgid = parts[5];
  let msg = text.slice(parts[0].length);
  if (msg.startsWith('-')) msg = msg.slice(1);
  else if (msg.startsWith('[')) {
    const sd = readStructuredData(msg);
    if ('error' in sd) return sd;
    syslog.sd = sd.elements;
    msg = msg.slice(sd.length);
  }
  record.message = msg.replace(/^ /, '').replace(/^\uFEFF/, '');
  return { record };
}

/** `[id k="v" ...][id2 ...]` with `\"`, `\\` and `\]` escapes, and its length in the text. */
function readStructuredData(text: string): { elements: Record<string, Record<string, string>>; length: number } | { error: string; detail: string } {
  const elements: Record<string, Record<string, string>> = {};
  let i = 0;
  const bad = (why: string) => ({ error: 'invalid structured data', detail: `${why} at character ${i}` });
  while (text[i] === '[') {
    const id = /^[^\s=\]"]{1,32}/.exec(text.slice(i + 1));
    if (!id) return bad('SD-ID expected');
    i += 1 + id[0].length;
    const params: Record<string, string> = {};
    while (text[i] === ' ') {
      const name = /^ ([^\s=\]"]{1,32})="/.exec(text.slice(i));
      if (!name) return bad('PARAM-NAME="value" expected');
      i += name[0].length;
      let value = '';
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === ']')) i++;
        value += text[i++];
      }
      if (i >= text.length) return bad('unterminated PARAM-VALUE');
      i++;
      params[name[1]] = value;
    }
    if (text[i] !== ']') return bad('] expected');
    i++;
    elements[id[0]] = params;
  }
  return { elements, length: i };
}

function parse3164(text: string, syslog: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  let rest = text;
  const time = RFC3164_TIME.exec(rest) ?? ISO_TIME.exec(rest);
  if (time) {
    // Without a year the timestamp parser takes the most recent such date (not in the future).
    record['@timestamp'] = time.length === 4 ? `${time[1]} ${time[2]} ${time[3]}` : time[1];
    rest = rest.slice(time[0].length);
    const host = /^(\S+) /.exec(rest);
    // HOSTNAME is there unless the next token is already the TAG (`su[12]:`, `cron:`).
    if (host && !/[:[\]]/.test(host[1])) {
      record.server = host[1];
      rest = rest.slice(host[0].length);
    }
  }
  const tag = TAG.exec(rest);
  if (tag) {
    record.service = tag[1];
    if (tag[2]) syslog.procid = tag[2];
    rest = rest.slice(tag[0].length);
  }
  record.message = rest;
  return record;
}
