import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The directory holding package.json, views/ and public/. Found by walking up from this file,
 * so it is the same whether the code runs from src/ (tests) or dist/src/ (npm start).
 */
export function projectDir(start = __dirname): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'views'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No project directory with views/ above ${start}`);
    dir = parent;
  }
}
