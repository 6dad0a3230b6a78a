import { ManualClock } from '../platform/clock';
import { DashboardContent } from './dashboard';
import { DashboardViewer } from './dashboard-access';
import { DashboardsService } from './dashboards.service';
import { FakeDashboardStore } from './fake-dashboard-store';

const viewer = (userId: string | null, over: Partial<DashboardViewer> = {}): DashboardViewer => ({ tenantId: 't1', userId, username: userId ?? 'token', isTenantAdmin: false, ...over });
const alice = viewer('alice');
const bob = viewer('bob');
const admin = viewer('root', { isTenantAdmin: true });
const outsider = viewer('alice', { tenantId: 't2' });

const content = (over: Partial<DashboardContent> = {}): DashboardContent => ({
  name: 'Checkout', description: null, shared: false, timeRange: { range: '24h', from: null, to: null }, refreshSeconds: null, widgets: [], ...over,
});

describe('DashboardsService', () => {
  let service: DashboardsService;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(1_000);
    service = new DashboardsService(new FakeDashboardStore(), clock);
  });

  it('keeps a private dashboard its owner’s alone: others, admins included, get a 404', async () => {
    const d = await service.create(alice, content());
    expect(d).toMatchObject({ ownerId: 'alice', ownerName: 'alice', version: 1, tenantId: 't1' });
    for (const other of [bob, admin, outsider, viewer(null)]) {
      await expect(service.get(other, d.id)).rejects.toMatchObject({ status: 404 });
      await expect(service.update(other, d.id, { content: { name: 'x' }, version: undefined })).rejects.toMatchObject({ status: 404 });
      await expect(service.delete(other, d.id)).rejects.toMatchObject({ status: 404 });
      await expect(service.copy(other, d.id)).rejects.toMatchObject({ status: 404 });
      expect(await service.list(other)).toEqual([]);
    }
  });

  it('lets the tenant edit a shared dashboard, but only the owner or an admin share, unshare or delete it', async () => {
    const d = await service.create(alice, content({ shared: true }));
    clock.set(2_000);
    const edited = await service.update(bob, d.id, { content: { name: 'Checkout v2' }, version: 1 });
    expect(edited).toMatchObject({ name: 'Checkout v2', version: 2, updatedAt: 2_000, ownerId: 'alice' });
    await expect(service.update(bob, d.id, { content: { shared: false }, version: undefined })).rejects.toMatchObject({ status: 403 });
    await expect(service.delete(bob, d.id)).rejects.toMatchObject({ status: 403 });
    await expect(service.update(viewer(null), d.id, { content: { name: 'token' }, version: undefined })).rejects.toMatchObject({ status: 403 });
    await expect(service.get(outsider, d.id)).rejects.toMatchObject({ status: 404 });
    expect(await service.update(admin, d.id, { content: { shared: false }, version: undefined })).toMatchObject({ shared: false, version: 3 });
    await expect(service.get(bob, d.id)).rejects.toMatchObject({ status: 404 });
    await service.delete(alice, d.id);
    await expect(service.get(alice, d.id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a save over a version newer than the one edited', async () => {
    const d = await service.create(alice, content({ shared: true }));
    await service.update(bob, d.id, { content: { name: 'bob was here' }, version: 1 });
    await expect(service.update(alice, d.id, { content: { name: 'alice too' }, version: 1 })).rejects.toMatchObject({ status: 409, response: { current_version: 2 } });
    expect(await service.update(alice, d.id, { content: { description: 'no version: last write wins' }, version: undefined })).toMatchObject({ name: 'bob was here', version: 3 });
  });

  it('copies a visible dashboard as the viewer’s own private one', async () => {
    const d = await service.create(alice, content({ shared: true, refreshSeconds: 30 }));
    const copy = await service.copy(bob, d.id);
    expect(copy).toMatchObject({ name: 'Checkout (copy)', ownerId: 'bob', shared: false, refreshSeconds: 30, version: 1 });
    expect(copy.id).not.toBe(d.id);
    await expect(service.create(viewer(null), content())).rejects.toMatchObject({ status: 403 });
  });
});
