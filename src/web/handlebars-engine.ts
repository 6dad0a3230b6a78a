import Handlebars from 'handlebars';
import * as fs from 'node:fs';
import * as path from 'node:path';

type RenderCallback = (err: Error | null, html?: string) => void;
type Template = Handlebars.TemplateDelegate;

/**
 * A small Express view engine over `handlebars`: pages render into `layouts/<layout>.hbs`
 * (the page's own HTML is the only thing inserted unescaped, as `{{{body}}}`), partials
 * come from `partials/`. Templates are compiled once and cached unless `cache` is false.
 * Log data is only ever put in pages with `{{ }}`, which escapes it.
 */
export function createHandlebarsEngine(viewsDir: string, options: { cache: boolean }) {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const compiled = new Map<string, Template>();
  let partialsLoaded = false;

  const compile = (file: string): Template => {
    const cached = options.cache ? compiled.get(file) : undefined;
    if (cached) return cached;
    const template = hbs.compile(fs.readFileSync(file, 'utf8'), { strict: false });
    compiled.set(file, template);
    return template;
  };

  const loadPartials = () => {
    if (partialsLoaded && options.cache) return;
    const dir = path.join(viewsDir, 'partials');
    if (fs.existsSync(dir)) {
      for (const name of fs.readdirSync(dir)) {
        if (name.endsWith('.hbs')) hbs.registerPartial(name.slice(0, -4), fs.readFileSync(path.join(dir, name), 'utf8'));
      }
    }
    partialsLoaded = true;
  };

  return function render(file: string, data: Record<string, unknown>, callback: RenderCallback): void {
    try {
      loadPartials();
      const body = compile(file)(data);
      const layout = data.layout === false ? null : String(data.layout ?? 'main');
      if (!layout) return callback(null, body);
      callback(null, compile(path.join(viewsDir, 'layouts', `${layout}.hbs`))({ ...data, body }));
    } catch (err) {
      callback(err as Error);
    }
  };
}

function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
}
