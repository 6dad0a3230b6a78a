// What a watched file is labelled and read with. A folder of the watched tree may hold a
// `.lognest.json` (hidden, so never ingested itself):
//   { "service": "payments", "rule": "nginx" | { "format": "logcat" } | { "pattern": "…", "timestamp_format": "…" },
//     "files": [ { "match": "*-error.log", "service": "…", "rule": … } ] }
// The first `files` entry whose pattern (`*` and `?`) matches the file name wins over the
// folder's own keys, and the folder nearest the file wins over those above it. Without a
// service there, a service subfolder (`uploads/<tenant>/<service>/`) names it, else the file
// name does (`payments-2024-12-10.log.1` → `payments`). A `rule` string is a saved rule's name.

import { HttpException } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParseRuleSpec } from '../ingest/parsers/rules/parse-rule';
import { ruleFromBody } from '../parse-rules/parse-rule-params';

export const FOLDER_CONFIG_NAME = '.lognest.json';

interface Settings {
  service?: string;
  rule?: ParseRuleSpec | string;
}

export interface FolderConfig extends Settings {
  files: (Settings & { match: RegExp })[];
}

export interface WatchedFileSettings {
  service?: string;
  /** Written out, or the name of a saved rule. */
  rule?: ParseRuleSpec | string;
}

/** A `.lognest.json` that cannot be used; its folder's files wait until it is fixed. */
export class FolderConfigError extends Error {}

function settings(raw: unknown, where: string): Settings {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new FolderConfigError(`${where}: must be an object`);
  const o = raw as Record<string, unknown>;
  const out: Settings = {};
  if (o.service !== undefined) {
    if (typeof o.service !== 'string' || o.service.trim() === '' || o.service.length > 200) throw new FolderConfigError(`${where}.service: must be a name of 1 to 200 characters`);
    out.service = o.service.trim();
  }
  if (typeof o.rule === 'string') out.rule = o.rule;
  else if (o.rule !== undefined) {
    try {
      out.rule = ruleFromBody((o.rule ?? {}) as Record<string, unknown>);
    } catch (err) {
      if (!(err instanceof HttpException)) throw err;
      throw new FolderConfigError(`${where}.rule: ${(err.getResponse() as { message?: string }).message ?? err.message}`);
    }
    if (out.rule === undefined) throw new FolderConfigError(`${where}.rule: needs a format or a pattern`);
  }
  return out;
}

function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The folder's `.lognest.json`, or null when it has none; throws FolderConfigError when it is unusable. */
export function readFolderConfig(dir: string): FolderConfig | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, FOLDER_CONFIG_NAME), 'utf8');
  } catch {
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new FolderConfigError(`not JSON: ${(err as Error).message}`);
  }
  const own = settings(raw, FOLDER_CONFIG_NAME);
  const entries = (raw as Record<string, unknown>).files;
  if (entries !== undefined && !Array.isArray(entries)) throw new FolderConfigError('files: must be a list');
  const files = (entries ?? []).map((entry, i) => {
    const where = `files[${i}]`;
    const match = (entry as Record<string, unknown> | null)?.match;
    if (typeof match !== 'string' || match === '' || match.length > 200) throw new FolderConfigError(`${where}.match: must be a file name pattern (* and ?)`);
    return { ...settings(entry, where), match: globRegExp(match) };
  });
  return { ...own, files };
}

/** `payments-2024-12-10.log.1` → `payments`: the name before its first dot, less a trailing date or number. */
export function serviceFromFileName(name: string): string | undefined {
  const stem = name.split('.')[0].replace(/[-_ ]*\d[\d\-_:T ]*$/, '');
  return stem.length > 0 ? stem : undefined;
}

/** `configs` from the top folder down to the file's own. */
export function settingsFor(configs: (FolderConfig | null)[], fileName: string, serviceFolder: string | undefined): WatchedFileSettings {
  const out: WatchedFileSettings = {};
  for (const config of configs) {
    if (config === null) continue;
    const entry = config.files.find((f) => f.match.test(fileName));
    const service = entry?.service ?? config.service;
    const rule = entry?.rule ?? config.rule;
    if (service !== undefined) out.service = service;
    if (rule !== undefined) out.rule = rule;
  }
  out.service ??= serviceFolder ?? serviceFromFileName(fileName);
  return out;
}
