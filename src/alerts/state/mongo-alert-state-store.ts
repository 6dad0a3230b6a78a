import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../../platform/metadata/mongo-connection';
import { documentSchema, fromDocument, insertIfNew, isDuplicateKey, plain } from '../../platform/metadata/mongo-documents';
import { AlertEvent, AlertFilter, AlertGroupState, StateCommit, TriggeredAlert } from './alert-state';
import { AlertStateStore } from './alert-state-store';

/** The writes a commit makes beside the state, kept in its version document until they are applied. */
interface Journal {
  alert?: TriggeredAlert;
  deleteAlertId?: string;
  event?: AlertEvent;
}

/**
 * One version of a rule and group's state, `_id` [tenant, rule, group, version]: inserting it
 * is the commit. `recent` is stored as objects: FerretDB refuses nested arrays.
 */
type StateDocument = Omit<AlertGroupState, 'recent'> & { _id: string; stateKey: string; recent: { at: number; value: number | null }[]; journal?: Journal };

/** A triggered alert; `stateVersion` is the state version that wrote it last, `deleted` a deletion's tombstone. */
type AlertDocument = Omit<TriggeredAlert, 'id'> & { _id: string; stateVersion: number; deleted?: true };

const stateSchema: Schema = documentSchema<StateDocument>(
  { stateKey: String, tenantId: String, ruleId: String, groupKey: String, version: Number },
  [[{ stateKey: 1, version: -1 }], [{ tenantId: 1, ruleId: 1, groupKey: 1, version: -1 }]],
);
const alertSchema: Schema = documentSchema<AlertDocument>(
  { tenantId: String, ruleId: String, state: String, severity: String, startedAt: Number, stateVersion: Number, deleted: Boolean },
  [[{ tenantId: 1, startedAt: -1 }], [{ tenantId: 1, ruleId: 1, startedAt: -1 }]],
);
const eventSchema: Schema = documentSchema<AlertEvent>({ tenantId: String, ruleId: String, alertId: String, at: Number }, [[{ tenantId: 1, at: -1 }], [{ tenantId: 1, ruleId: 1, at: -1 }]]);

const stateKey = (tenantId: string, ruleId: string, groupKey: string) => JSON.stringify([tenantId, ruleId, groupKey]);
const versionId = (key: string, version: number) => `${key}#${version}`;

function toState({ _id, stateKey: key, journal, recent, ...state }: StateDocument): AlertGroupState {
  void _id;
  void key;
  void journal;
  return { ...state, recent: recent.map((r) => [r.at, r.value]) };
}

function toAlert(doc: AlertDocument): TriggeredAlert {
  const { stateVersion, deleted, ...alert } = fromDocument<TriggeredAlert & { stateVersion: number; deleted?: true }>(doc);
  void stateVersion;
  void deleted;
  return alert;
}

function alertFilter(tenantId: string, filter: AlertFilter): Record<string, unknown> {
  const where: Record<string, unknown> = { tenantId, deleted: { $ne: true } };
  if (filter.ruleId !== undefined) where.ruleId = filter.ruleId;
  if (filter.severity !== undefined) where.severity = filter.severity;
  if (filter.state === 'acknowledged') Object.assign(where, { state: 'firing', acknowledgedAt: { $ne: null } });
  else if (filter.state !== undefined) where.state = filter.state;
  return where;
}

/** The newest version of each group, from documents sorted by group key then newest version first. */
function newestPerGroup(docs: StateDocument[]): StateDocument[] {
  return docs.filter((d, i) => i === 0 || docs[i - 1].groupKey !== d.groupKey);
}

/**
 * Alert states, triggered alerts and their history in the MongoDB metadata database
 * (collections `alert_states`, `alerts`, `alert_events`) without multi-document transactions
 * (FerretDB has none) and without relying on a filtered update being atomic (FerretDB 1.24
 * runs one as a query, then a write by `_id`); decision 0110.
 *
 * A commit inserts the state's next version as a document of its own: of two evaluators that
 * read version n, the server accepts one insert of version n + 1. The document carries a
 * journal of the commit's alert and event writes, applied after it, idempotently (the event by
 * its id, the alert only over an older state version), then dropped; the next reader or
 * committer of the state applies a journal a crashed process left. Older versions are deleted
 * once a newer one is in, so a state is one document at rest.
 */
export class MongoAlertStateStore extends AlertStateStore {
  private constructor(
    private readonly states: Model<StateDocument>,
    private readonly alertDocs: Model<AlertDocument>,
    private readonly eventDocs: Model<AlertEvent>,
  ) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoAlertStateStore> {
    return new MongoAlertStateStore(await mongo.model('alert_states', stateSchema), await mongo.model('alerts', alertSchema), await mongo.model('alert_events', eventSchema));
  }

  async groupStates(tenantId: string, ruleId: string): Promise<AlertGroupState[]> {
    const newest = newestPerGroup(await this.states.find({ tenantId, ruleId }).sort({ groupKey: 1, version: -1 }).lean<StateDocument[]>());
    for (const doc of newest) await this.applyJournal(doc);
    return newest.map(toState);
  }

  async groupState(tenantId: string, ruleId: string, groupKey: string): Promise<AlertGroupState | null> {
    const doc = await this.states.findOne({ stateKey: stateKey(tenantId, ruleId, groupKey) }).sort({ version: -1 }).lean<StateDocument>();
    if (!doc) return null;
    await this.applyJournal(doc);
    return toState(doc);
  }

  async commit(tenantId: string, c: StateCommit): Promise<boolean> {
    const key = stateKey(tenantId, c.state.ruleId, c.state.groupKey);
    if (c.expectedVersion !== null) {
      // Gone when a newer version replaced it: this commit was decided on a stale state.
      const previous = await this.states.findOne({ _id: versionId(key, c.expectedVersion) }).lean<StateDocument>();
      if (!previous) return false;
      await this.applyJournal(previous);
    }
    const version = (c.expectedVersion ?? 0) + 1;
    const journal: Journal = plain({ alert: c.alert && { ...c.alert, tenantId }, deleteAlertId: c.deleteAlertId, event: c.event && { ...c.event, tenantId } });
    const doc: StateDocument = {
      ...plain({ ...c.state, tenantId }), _id: versionId(key, version), stateKey: key, version,
      recent: c.state.recent.map(([at, value]) => ({ at, value })), ...(Object.keys(journal).length > 0 ? { journal } : {}),
    };
    if (!(await insertIfNew(this.states.collection, doc))) return false;
    await this.applyJournal(doc);
    await this.states.deleteMany({ stateKey: key, version: { $lt: version } });
    return true;
  }

  async alerts(tenantId: string, filter: AlertFilter, offset: number, limit: number): Promise<{ total: number; alerts: TriggeredAlert[] }> {
    const where = alertFilter(tenantId, filter);
    const [docs, total] = await Promise.all([
      this.alertDocs.find(where).sort({ startedAt: -1, _id: -1 }).skip(offset).limit(limit).lean<AlertDocument[]>(),
      this.alertDocs.countDocuments(where),
    ]);
    return { total, alerts: docs.map(toAlert) };
  }

  async alert(tenantId: string, id: string): Promise<TriggeredAlert | null> {
    const doc = await this.alertDocs.findOne({ _id: id, tenantId, deleted: { $ne: true } }).lean<AlertDocument>();
    return doc ? toAlert(doc) : null;
  }

  async events(tenantId: string, filter: { ruleId?: string; alertId?: string }, limit: number): Promise<AlertEvent[]> {
    const where: Record<string, unknown> = { tenantId };
    if (filter.ruleId !== undefined) where.ruleId = filter.ruleId;
    if (filter.alertId !== undefined) where.alertId = filter.alertId;
    return (await this.eventDocs.find(where).sort({ at: -1, _id: -1 }).limit(limit).lean()).map((d) => fromDocument<AlertEvent>(d));
  }

  async deleteRuleStates(tenantId: string, ruleId: string): Promise<void> {
    for (const doc of await this.states.find({ tenantId, ruleId, journal: { $exists: true } }).lean<StateDocument[]>()) await this.applyJournal(doc);
    await this.states.deleteMany({ tenantId, ruleId });
  }

  /** Applies a version's journal (again, if need be: every write is idempotent), then drops it from the document. */
  private async applyJournal(doc: StateDocument): Promise<void> {
    const journal = doc.journal;
    if (!journal) return;
    if (journal.alert) await this.writeAlert(journal.alert, doc.version);
    if (journal.deleteAlertId) {
      await this.alertDocs.collection.updateOne({ _id: journal.deleteAlertId, tenantId: doc.tenantId, stateVersion: { $lt: doc.version } } as never, { $set: { deleted: true, stateVersion: doc.version } });
    }
    if (journal.event) {
      const { id, ...event } = journal.event;
      await insertIfNew(this.eventDocs.collection, { _id: id, ...event });
    }
    await this.states.collection.updateOne({ _id: doc._id } as never, { $unset: { journal: 1 } });
  }

  /**
   * Upserts the alert unless a later state version wrote it already; an alert id of another
   * tenant (the filter misses, the insert hits its `_id`) stays untouched.
   */
  private async writeAlert(alert: TriggeredAlert, version: number): Promise<void> {
    const { id, ...fields } = alert;
    try {
      await this.alertDocs.collection.updateOne(
        { _id: id, tenantId: alert.tenantId, stateVersion: { $lt: version } } as never,
        { $set: { ...fields, stateVersion: version }, $unset: { deleted: 1 } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
}
