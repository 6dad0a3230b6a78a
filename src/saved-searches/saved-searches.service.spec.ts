import { NotFoundException } from '@nestjs/common';
import { FakeSavedSearchStore } from './fake-saved-search-store';
import { SavedSearchesService } from './saved-searches.service';

describe('SavedSearchesService', () => {
  const alice = { tenantId: 't1', userId: 'alice' };
  const bob = { tenantId: 't1', userId: 'bob' };
  let service: SavedSearchesService;
  beforeEach(() => {
    service = new SavedSearchesService(new FakeSavedSearchStore());
  });

  it('saves for the owner and counts each use', async () => {
    const created = await service.create(alice, { name: 'errors', description: null, filters: { level: 'ERROR' } }, 1_000);
    expect(created).toMatchObject({ tenantId: 't1', userId: 'alice', createdAt: 1_000, useCount: 0, lastUsed: null });
    await service.use(alice, created.id, 2_000);
    expect(await service.use(alice, created.id, 3_000)).toMatchObject({ useCount: 2, lastUsed: 3_000 });
    expect((await service.list(alice, 10)).map((s) => s.name)).toEqual(['errors']);
    expect(await service.list(bob, 10)).toEqual([]);
  });

  it('answers not found for another user’s search', async () => {
    const { id } = await service.create(alice, { name: 'mine', description: null, filters: {} });
    await expect(service.use(bob, id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.update(bob, id, { name: 'stolen' })).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.delete(bob, id)).rejects.toBeInstanceOf(NotFoundException);
    expect(await service.update(alice, id, { name: 'renamed' })).toMatchObject({ name: 'renamed' });
    await service.delete(alice, id);
    await expect(service.delete(alice, id)).rejects.toBeInstanceOf(NotFoundException);
  });
});
