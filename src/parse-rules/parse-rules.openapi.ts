import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { any, arr, component, input, int, map, nullable, obj, ok, oneOf, str, time } from '../openapi/schema';
import { NAMED_FORMAT_NAMES } from '../ingest/parsers/rules/named-formats';
import { INPUT_FORMATS } from '../files/file-types';

/** The rule fields every body that takes a rule accepts. */
export const RULE_INPUT = {
  pattern: str('Grok (`%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}`) or, with pattern_type=regex, an RE2 regex with named groups; matched from the start of each line'),
  pattern_type: oneOf(['grok', 'regex']),
  timestamp_format: str('Java letters (`yyyy-MM-dd HH:mm:ss.SSS`, `MM-dd HH:mm:ss.SSS`: no year), `epoch`, `epoch_ms` or `ISO8601`'),
};

const PREVIEW_ROW = obj({ line: int(), error: str(), values: map(any(), 'Wire field name (`@timestamp`, `level`, `fields.<key>`) → value') }, { optional: ['error', 'values'] });

export const PARSE_PREVIEW_DOCS = {
  preview: {
    summary: 'Parse the first lines of a file with a rule (or by detection) without ingesting',
    description: 'At most 200 records. A rule that does not compile is a 400 with `field` and `position`.',
    body: input({
      sample: str('The first lines of the file (up to 256 KiB); a cut last line is left out'),
      format: str(`An input format (${INPUT_FORMATS.join(', ')}) or a named parsing format (${NAMED_FORMAT_NAMES.join(', ')})`),
      filename: str('Helps format detection'), delimiter: str(), rule: str('A saved rule (name or id)'), service: str('Its saved rule applies when no other is given'), ...RULE_INPUT,
    }, ['sample']),
    status: 200,
    response: ok({
      format: str(), rule: nullable(obj({ format: nullable(str()), pattern: nullable(str()), pattern_type: nullable(str()), timestamp_format: nullable(str()) })),
      columns: arr(str()), rows: arr(PREVIEW_ROW), records: int(), rejected: int(), timestamped: int(),
    }),
  },
  formats: {
    summary: 'The named parsing formats and the grok pattern names a rule can use',
    response: ok({
      formats: arr(component('NamedParseFormat', obj({ name: str(), description: str(), pattern: str(), timestamp_format: nullable(str()), example: str() }))),
      grok_patterns: arr(str()),
    }),
  },
} satisfies Record<string, ApiDocOptions>;

const SAVED_RULE = component('SavedParseRule', obj({
  id: str(), name: str(), service: nullable(str('Files of this service are read with the rule unless they name another')), description: nullable(str()),
  format: nullable(str()), pattern: nullable(str()), pattern_type: nullable(str()), timestamp_format: nullable(str()),
  created_by: str(), created_at: time(), updated_at: time(),
}));
const RULE_BODY = {
  name: str('Unique in the tenant'), service: str(), description: str(),
  format: str(`A named parsing format (${NAMED_FORMAT_NAMES.join(', ')})`), ...RULE_INPUT,
};
const NOT_FOUND = { 404: 'No such parsing rule in your tenant' };

export const PARSE_RULES_DOCS = {
  list: { summary: "The tenant's saved parsing rules, by name", response: ok({ rules: arr(SAVED_RULE), count: int() }) },
  create: {
    summary: 'Save a parsing rule (named format or pattern), optionally for one service',
    body: input(RULE_BODY, ['name']), response: ok({ rule: SAVED_RULE }),
    responses: { 409: 'A rule of that name exists in the tenant' },
  },
  one: { summary: 'A saved parsing rule', response: ok({ rule: SAVED_RULE }), responses: NOT_FOUND },
  update: {
    summary: 'Change a saved rule: what the body names; any rule field replaces the whole rule',
    body: input(RULE_BODY), response: ok({ rule: SAVED_RULE }), responses: { ...NOT_FOUND, 409: 'A rule of that name exists in the tenant' },
  },
  remove: { summary: 'Delete a saved parsing rule (files read with it keep what they were read as)', response: ok({ message: str() }), responses: NOT_FOUND },
} satisfies Record<string, ApiDocOptions>;
