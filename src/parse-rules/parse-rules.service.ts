import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ParseRuleSpec } from '../ingest/parsers/rules/parse-rule';
import { newId } from '../platform/ids';
import { SavedParseRule } from './parse-rule-record';
import { DuplicateRuleNameError, ParseRuleStore } from './parse-rule-store';

export interface NewParseRule {
  name: string;
  service: string | null;
  description: string | null;
  spec: ParseRuleSpec;
}

export type ParseRuleEdit = Partial<NewParseRule>;

/** Where a file's rule may come from, most specific first. */
export interface RuleChoice {
  /** A rule written out in the request or folder config. */
  spec?: ParseRuleSpec;
  /** A saved rule's name or id. */
  saved?: string;
  /** The file's service: its saved rule applies when nothing more specific is given. */
  service?: string;
}

/** Saved parsing rules of a tenant, and which rule a file is read with. */
@Injectable()
export class ParseRulesService {
  constructor(private readonly rules: ParseRuleStore) {}

  list(tenantId: string): Promise<SavedParseRule[]> {
    return this.rules.list(tenantId);
  }

  async get(tenantId: string, id: string): Promise<SavedParseRule> {
    const rule = await this.rules.get(tenantId, id);
    if (!rule) throw notFound(id);
    return rule;
  }

  async create(tenantId: string, createdBy: string, input: NewParseRule): Promise<SavedParseRule> {
    const now = Date.now();
    const rule: SavedParseRule = { id: newId(), tenantId, createdBy, createdAt: now, updatedAt: now, ...input };
    try {
      await this.rules.create(rule);
    } catch (err) {
      throw nameConflict(err);
    }
    return rule;
  }

  async update(tenantId: string, id: string, edit: ParseRuleEdit): Promise<SavedParseRule> {
    let updated: SavedParseRule | null;
    try {
      updated = await this.rules.update(tenantId, id, { ...edit, updatedAt: Date.now() });
    } catch (err) {
      throw nameConflict(err);
    }
    if (!updated) throw notFound(id);
    return updated;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    if (!(await this.rules.delete(tenantId, id))) throw notFound(id);
  }

  /**
   * The rule a file is read with: the one written out, else the saved one named (a 400 when
   * there is none of that name or id), else the one saved for the file's service, else none
   * (detection). The spec is copied into the file, so editing the rule later does not change
   * how an ingested file was read.
   */
  async resolve(tenantId: string, choice: RuleChoice): Promise<ParseRuleSpec | undefined> {
    if (choice.spec !== undefined) return choice.spec;
    if (choice.saved !== undefined) {
      const saved = (await this.rules.findByName(tenantId, choice.saved)) ?? (await this.rules.get(tenantId, choice.saved));
      if (!saved) throw new BadRequestException({ success: false, error: 'invalid_parameter', field: 'rule', message: `rule: no saved parsing rule is named ${choice.saved}` });
      return saved.spec;
    }
    if (choice.service !== undefined) return (await this.rules.findByService(tenantId, choice.service))?.spec;
    return undefined;
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException({ success: false, error: 'not_found', message: `No parsing rule ${id}` });
}

function nameConflict(err: unknown): unknown {
  if (!(err instanceof DuplicateRuleNameError)) return err;
  return new ConflictException({ success: false, error: 'rule_exists', field: 'name', message: `name: a parsing rule named ${err.ruleName} exists` });
}
