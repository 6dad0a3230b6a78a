import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { any, arr, component, input, int, map, nullable, obj, ok, oneOf, str } from '../openapi/schema';
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
      filename: str('Helps format detection'), delimiter: str(), ...RULE_INPUT,
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
