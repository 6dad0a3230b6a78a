import Ajv, { ValidateFunction } from 'ajv';
import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface DocumentedOperation {
  method: string;
  path: string;
  operation: OperationObject;
}

export function operationsOf(doc: OpenAPIObject): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method] as OperationObject })));
}

/** `/api/files/{id}` → a regex matching `/api/files/abc`; literal segments rank before parameters. */
function templateMatcher(path: string): { regex: RegExp; literals: number } {
  const segments = path.split('/');
  const regex = new RegExp(`^${segments.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
  return { regex, literals: segments.filter((s) => !s.startsWith('{')).length };
}

/**
 * Checks real answers against the OpenAPI document: the status must be documented for the
 * operation, and a JSON body must match the documented schema. Keeps which operations were
 * seen answering with a documented success, for the coverage check.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly matchers: { path: string; regex: RegExp; literals: number }[];
  readonly succeeded = new Set<string>();
  readonly problems: string[] = [];
  /** Answers whose body was checked against a schema. */
  checked = 0;

  constructor(private readonly doc: OpenAPIObject) {
    this.ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    for (const f of ['email', 'binary', 'password']) this.ajv.addFormat(f, true);
    this.ajv.addSchema({ $id: 'openapi', components: doc.components } as object);
    this.matchers = Object.keys(doc.paths).map((path) => ({ path, ...templateMatcher(path) })).sort((a, b) => b.literals - a.literals);
  }

  templateOf(url: string): string | null {
    const pathname = url.split('?')[0];
    return this.matchers.find((m) => m.regex.test(pathname))?.path ?? null;
  }

  check(method: string, url: string, status: number, contentType: string | undefined, body: unknown): void {
    const label = `${method.toUpperCase()} ${url.slice(0, 120)} → ${status}`;
    const path = this.templateOf(url);
    const operation = path ? (this.doc.paths[path] as Record<string, OperationObject | undefined>)[method.toLowerCase()] : undefined;
    if (!path || !operation) {
      this.problems.push(`${label}: not in the document`);
      return;
    }
    const response = (operation.responses[String(status)] ?? operation.responses.default) as ResponseObject | undefined;
    if (!response) {
      this.problems.push(`${label}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
      return;
    }
    const type = (contentType ?? '').split(';')[0].trim();
    const content = response.content ?? {};
    if (status !== 204 && method.toLowerCase() !== 'head' && type && Object.keys(content).length > 0 && !content[type]) {
      this.problems.push(`${label}: content type ${type} not documented (${Object.keys(content).join(', ')})`);
      return;
    }
    const schema = content[type]?.schema;
    if (schema && type === 'application/json') {
      const key = `${method} ${path} ${status} ${type}`;
      let validate = this.compiled.get(key);
      if (!validate) {
        validate = this.ajv.compile(rebase(schema));
        this.compiled.set(key, validate);
      }
      this.checked++;
      if (!validate(body)) {
        this.problems.push(`${label}: body does not match: ${this.ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 600)}`);
        return;
      }
    }
    if (status >= 200 && status < 300) this.succeeded.add(`${method.toUpperCase()} ${path}`);
  }
}

/** Points the document's `#/components/...` references at the registered `openapi` schema. */
function rebase(schema: unknown): object {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/')) as object;
}
