import { LINE_ERROR } from '../ingest/ingest.openapi';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, input, int, nullable, num, obj, ok, oneOf, str, time } from '../openapi/schema';
import { FILE_STATUSES, INPUT_FORMATS } from './file-types';
import { NAMED_FORMAT_NAMES } from '../ingest/parsers/rules/named-formats';
import { RULE_INPUT } from '../parse-rules/parse-rules.openapi';

const FILE_PROPERTIES = {
  id: str(), _id: str(), original_name: str(), filename: str(), file_type: oneOf(INPUT_FORMATS), source: str(), status: oneOf(FILE_STATUSES),
  size: int(), lines_total: int(), accepted: int(), rejected: int(), errors: arr(LINE_ERROR), failure: nullable(str()),
  progress: num('Percent'), bytes_processed: int(), uploaded_by: nullable(str()), upload_date: time(), completed_at: nullable(time()),
  description: nullable(str()),
  rule: nullable(obj({ format: nullable(str()), pattern: nullable(str()), pattern_type: nullable(str()), timestamp_format: nullable(str()) })),
};
const LOG_FILE = component('LogFile', obj(FILE_PROPERTIES));
const NOT_FOUND = { 404: 'No such file in your tenant' };

export const FILES_DOCS = {
  upload: {
    summary: 'Upload a log file (CSV, JSON, NDJSON, text, syslog; gzip too)', description: 'Ingested in the background: follow GET /api/files/{id}.',
    consumes: ['multipart/form-data'],
    body: input({
      file: str('The file', { format: 'binary' }),
      format: str(`An input format (${INPUT_FORMATS.join(', ')}) or a named parsing format (${NAMED_FORMAT_NAMES.join(', ')}): text read with that rule`),
      ...RULE_INPUT, delimiter: str('CSV: , ; | or tab'), timestamp_field: str(),
      service: str('Also picks the rule saved for that service when none is given'), source: str('Synonym of service'), environment: str(), description: str(),
      rule: str('A saved parsing rule (name or id)'), allow_duplicate: oneOf(['true', 'false'], 'Store a file whose content this tenant uploaded before'),
    }, ['file']),
    response: ok({ message: str(), file_id: str(), filename: str(), status: oneOf(FILE_STATUSES) }),
    responses: { 409: { description: 'The tenant uploaded the same content before (unless allow_duplicate=true)', schema: obj({ success: bool(), error: str(), message: str(), duplicate_of: LOG_FILE }) } },
  },
  list: {
    summary: 'Uploaded and watched-folder files, newest first',
    query: { page: int(undefined, { minimum: 1, maximum: 1_000_000 }), per_page: int(undefined, { minimum: 1, maximum: 200 }) },
    response: ok({ files: arr(LOG_FILE), count: int(), total: int(), page: int(), per_page: int(), total_pages: int() }),
  },
  one: { summary: "A file and its ingest progress", response: { allOf: [LOG_FILE, ok({ file: LOG_FILE })] }, responses: NOT_FOUND },
  remove: { summary: 'Delete a file and the logs ingested from it', response: ok({ message: str() }), responses: NOT_FOUND },
} satisfies Record<string, ApiDocOptions>;
