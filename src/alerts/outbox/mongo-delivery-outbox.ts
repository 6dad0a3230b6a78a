import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../../platform/metadata/mongo-connection';
import { documentSchema, insertIfNew, plain } from '../../platform/metadata/mongo-documents';
import { DeliveryOutbox } from './delivery-outbox';
import { OutboxEntry, OutboxSettlement } from './outbox-entry';

/** An entry; `leaseUntil` repeats its latest lease's end so `due` can skip leased entries in the query. */
type OutboxDocument = Omit<OutboxEntry, 'id'> & { _id: string; leaseUntil: number | null };

/** One claim of an entry, `_id` `<entry id>#<seq>`: the insert that decides who holds the entry. */
interface LeaseDocument {
  _id: string;
  entryId: string;
  tenantId: string;
  seq: number;
  token: string;
  leaseUntil: number;
  released: boolean;
}

const outboxSchema: Schema = documentSchema<OutboxDocument>(
  { tenantId: String, alertId: String, status: String, nextAttemptAt: Number, createdAt: Number, leaseUntil: Number },
  [[{ tenantId: 1, status: 1, nextAttemptAt: 1 }], [{ tenantId: 1, alertId: 1, createdAt: 1 }]],
);
const leaseSchema: Schema = documentSchema<LeaseDocument>(
  { entryId: String, tenantId: String, seq: Number, token: String, leaseUntil: Number, released: Boolean },
  [[{ entryId: 1, seq: -1 }]],
);

const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

const due = (e: Pick<OutboxEntry, 'status' | 'nextAttemptAt'>, now: number) => e.status === 'pending' && e.nextAttemptAt <= now;

const toEntry = ({ _id, leaseUntil, ...entry }: OutboxDocument): OutboxEntry => {
  void leaseUntil;
  return { id: _id, ...entry };
};

/**
 * The delivery outbox in the MongoDB metadata database, collections `alert_outbox` and
 * `alert_outbox_leases`. A claim is the insert of the entry's next lease number: of several
 * processes, the server accepts exactly one insert of an `_id`. FerretDB 1.24 applies a
 * conditional update (findOneAndUpdate included) as a query and then a write by `_id`, so two
 * claimers could both "win" a filtered update there; an insert cannot (decision 0110).
 */
export class MongoDeliveryOutbox extends DeliveryOutbox {
  private constructor(
    private readonly outbox: Model<OutboxDocument>,
    private readonly leases: Model<LeaseDocument>,
  ) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoDeliveryOutbox> {
    return new MongoDeliveryOutbox(await mongo.model('alert_outbox', outboxSchema), await mongo.model('alert_outbox_leases', leaseSchema));
  }

  async add(tenantId: string, entries: OutboxEntry[]): Promise<string[]> {
    const added: string[] = [];
    for (const { id, ...entry } of entries) {
      if (await insertIfNew(this.outbox.collection, { _id: id, ...plain(entry), tenantId, leaseUntil: null })) added.push(id);
    }
    return added;
  }

  async due(tenantId: string, now: number, limit: number): Promise<OutboxEntry[]> {
    const filter: Record<string, unknown> = { tenantId, status: 'pending', nextAttemptAt: { $lte: now }, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] };
    return (await this.outbox.find(filter).sort(OLDEST_FIRST).limit(limit).lean<OutboxDocument[]>()).map(toEntry);
  }

  async claim(tenantId: string, id: string, now: number, leaseUntil: number, token: string): Promise<OutboxEntry | null> {
    const entry = await this.entry(tenantId, id);
    if (!entry || !due(entry, now)) return null;
    const latest = await this.latestLease(tenantId, id);
    if (latest && !latest.released && latest.leaseUntil > now) return null;
    const seq = (latest?.seq ?? 0) + 1;
    const lease: LeaseDocument = { _id: `${id}#${seq}`, entryId: id, tenantId, seq, token, leaseUntil, released: false };
    if (!(await insertIfNew(this.leases.collection, { ...lease }))) return null;
    // A round settled between the first read and the lease: its entry is written before its lease is released.
    const current = await this.entry(tenantId, id);
    if (!current || !due(current, now)) {
      await this.leases.collection.updateOne({ _id: lease._id } as never, { $set: { released: true } });
      return null;
    }
    await this.outbox.collection.updateOne({ _id: id } as never, { $set: { leaseUntil } });
    await this.leases.deleteMany({ entryId: id, seq: { $lt: seq } });
    return toEntry(current);
  }

  async settle(tenantId: string, id: string, token: string, s: OutboxSettlement): Promise<boolean> {
    const latest = await this.latestLease(tenantId, id);
    if (!latest || latest.released || latest.token !== token) return false;
    await this.outbox.collection.updateOne({ _id: id, tenantId } as never, { $set: { status: s.status, rounds: s.rounds, nextAttemptAt: s.nextAttemptAt, lastError: s.lastError, leaseUntil: null } });
    await this.leases.collection.updateOne({ _id: latest._id } as never, { $set: { released: true } });
    return true;
  }

  async forAlert(tenantId: string, alertId: string): Promise<OutboxEntry[]> {
    return (await this.outbox.find({ tenantId, alertId }).sort(OLDEST_FIRST).lean<OutboxDocument[]>()).map(toEntry);
  }

  private entry(tenantId: string, id: string): Promise<OutboxDocument | null> {
    return this.outbox.findOne({ _id: id, tenantId }).lean<OutboxDocument>();
  }

  private latestLease(tenantId: string, entryId: string): Promise<LeaseDocument | null> {
    return this.leases.findOne({ entryId, tenantId }).sort({ seq: -1 }).lean<LeaseDocument>();
  }
}
