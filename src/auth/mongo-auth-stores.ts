import { Model, Schema } from 'mongoose';
import { documentSchema, fromDocument, asDocument } from '../platform/metadata/mongo-documents';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { Role, Tenant, Token, TokenScope, User } from './auth-types';
import { TenantStore } from './tenant-store';
import { TokenStore } from './token-store';
import { UserStore } from './user-store';

const tenantSchema = documentSchema<Tenant>({ name: { type: String, required: true }, createdAt: Number }, [[{ name: 1 }, { unique: true }]]);

export class MongoTenantStore extends TenantStore {
  private constructor(private readonly tenants: Model<Tenant>) {
    super();
  }
  static async create(mongo: MongoConnection): Promise<MongoTenantStore> {
    return new MongoTenantStore(await mongo.model('tenants', tenantSchema));
  }
  async create(t: Tenant): Promise<void> {
    await this.tenants.collection.insertOne(asDocument(t) as never);
  }
  async get(id: string): Promise<Tenant | null> {
    const doc = await this.tenants.findById(id).lean();
    return doc ? fromDocument<Tenant>(doc) : null;
  }
  async findByName(name: string): Promise<Tenant | null> {
    const doc = await this.tenants.findOne({ name }).lean();
    return doc ? fromDocument<Tenant>(doc) : null;
  }
  async list(): Promise<Tenant[]> {
    return (await this.tenants.find().sort({ name: 1 }).lean()).map((d) => fromDocument<Tenant>(d));
  }
}

/** Usernames are unique case-insensitively: a lower-cased copy carries the unique index. */
type UserDocument = Omit<User, 'id'> & { _id: string; usernameKey: string };
const userSchema: Schema = documentSchema<UserDocument>(
  {
    usernameKey: { type: String, required: true }, username: String, email: String, fullName: String, passwordHash: String,
    role: String, tenantId: String, installationAdmin: Boolean, disabled: Boolean, createdAt: Number, lastLogin: Number,
  },
  [[{ usernameKey: 1 }, { unique: true }], [{ tenantId: 1, username: 1 }], [{ role: 1 }]],
);
const toUser = (doc: unknown): User => {
  const { usernameKey, ...user } = fromDocument<User & { usernameKey: string }>(doc);
  void usernameKey;
  return { ...user, installationAdmin: user.installationAdmin === true };
};

export class MongoUserStore extends UserStore {
  private constructor(private readonly users: Model<UserDocument>) {
    super();
  }
  static async create(mongo: MongoConnection): Promise<MongoUserStore> {
    const store = new MongoUserStore(await mongo.model<UserDocument>('users', userSchema));
    await store.markFirstInstallationAdmin();
    return store;
  }
  /** As SQLite migration 2 does (docs/decisions/0012): users stored before the flag existed. */
  private async markFirstInstallationAdmin(): Promise<void> {
    if (await this.users.exists({ installationAdmin: true })) return;
    const admins = await this.users.find({ role: 'admin' }).lean();
    const first = admins.map(toUser).sort((a, b) => Number(a.tenantId !== 'default') - Number(b.tenantId !== 'default') || a.createdAt - b.createdAt)[0];
    if (first) await this.users.updateOne({ _id: first.id }, { $set: { installationAdmin: true } });
  }
  async create(u: User): Promise<void> {
    await this.users.collection.insertOne({ ...asDocument(u), usernameKey: u.username.toLowerCase() } as never);
  }
  async get(id: string): Promise<User | null> {
    const doc = await this.users.findById(id).lean();
    return doc ? toUser(doc) : null;
  }
  async findByUsername(username: string): Promise<User | null> {
    const doc = await this.users.findOne({ usernameKey: username.toLowerCase() }).lean();
    return doc ? toUser(doc) : null;
  }
  async count(role?: Role): Promise<number> {
    return this.users.countDocuments(role ? { role } : {});
  }
  async list(tenantId?: string): Promise<User[]> {
    return (await this.users.find(tenantId ? { tenantId } : {}).sort({ username: 1 }).lean()).map(toUser);
  }
  async update(id: string, changes: Parameters<UserStore['update']>[1]): Promise<void> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length > 0) await this.users.updateOne({ _id: id }, { $set: set });
  }
}

const tokenSchema = documentSchema<Token>(
  {
    tenantId: String, userId: String, name: String, scope: String, tokenHash: { type: String, required: true },
    createdAt: Number, expiresAt: Number, lastUsedAt: Number,
  },
  [[{ tokenHash: 1 }, { unique: true }], [{ tenantId: 1, userId: 1, createdAt: -1 }]],
);

export class MongoTokenStore extends TokenStore {
  private constructor(private readonly tokens: Model<Token>) {
    super();
  }
  static async create(mongo: MongoConnection): Promise<MongoTokenStore> {
    return new MongoTokenStore(await mongo.model('tokens', tokenSchema));
  }
  async create(t: Token): Promise<void> {
    await this.tokens.collection.insertOne(asDocument(t) as never);
  }
  async findByHash(tokenHash: string): Promise<Token | null> {
    const doc = await this.tokens.findOne({ tokenHash }).lean();
    return doc ? fromDocument<Token>(doc) : null;
  }
  async listForUser(tenantId: string, userId: string): Promise<Token[]> {
    return (await this.tokens.find({ tenantId, userId }).sort({ createdAt: -1 }).lean()).map((d) => fromDocument<Token>(d));
  }
  async delete(tenantId: string, userId: string, id: string): Promise<boolean> {
    return (await this.tokens.deleteOne({ _id: id, tenantId, userId })).deletedCount > 0;
  }
  async touch(id: string, at: number): Promise<void> {
    await this.tokens.updateOne({ _id: id }, { $set: { lastUsedAt: at } });
  }
  async deleteScope(tenantId: string, userId: string, scope: TokenScope): Promise<number> {
    return (await this.tokens.deleteMany({ tenantId, userId, scope })).deletedCount;
  }
}
