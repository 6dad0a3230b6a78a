import { NestExpressApplication } from '@nestjs/platform-express';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { createHandlebarsEngine } from './handlebars-engine';
import { projectDir } from './project-dir';

const STATIC_MAX_AGE = '1h';

/**
 * Server-rendered pages: Handlebars views from views/, CSS and browser JS from public/, and
 * chart.js's UMD build at /vendor/chart.umd.js (served from node_modules, never copied).
 */
export function configureViews(app: NestExpressApplication, config: AppConfig): void {
  const root = projectDir();
  const viewsDir = path.join(root, 'views');
  app.engine('hbs', createHandlebarsEngine(viewsDir, { cache: config.logLevel !== 'debug' }));
  app.setBaseViewsDir(path.join(viewsDir, 'pages'));
  app.setViewEngine('hbs');
  app.useStaticAssets(path.join(root, 'public'), { index: false, maxAge: STATIC_MAX_AGE });
  const chartJs = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
  app.use('/vendor/chart.umd.js', (_req: unknown, res: { sendFile(p: string, o: object): void }) => {
    res.sendFile(chartJs, { maxAge: STATIC_MAX_AGE });
  });
}
