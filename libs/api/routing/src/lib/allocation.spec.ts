import { allocateSlots, VendorCandidate } from './allocation';

const vendor = (id: string, capacityPerHour: number, price = 0.1, quality = 0.5): VendorCandidate => ({ vendorOrgId: id, capacityPerHour, price, quality });
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('allocateSlots', () => {
  it('places every slot, in proportion to capacity', () => {
    const t = allocateSlots({ candidates: [vendor('a', 300), vendor('b', 100)], slots: 400, items: 400, overlap: 1, minDistinctVendors: 1, jobPrice: 0.1 });
    expect(t.get('a')).toBe(300);
    expect(t.get('b')).toBe(100);
  });

  it('never gives a vendor more than one slot per item when every slot must be on a distinct vendor', () => {
    const t = allocateSlots({ candidates: [vendor('big', 10_000), vendor('b', 10), vendor('c', 10)], slots: 300, items: 100, overlap: 3, minDistinctVendors: 3, jobPrice: 0.1 });
    expect(t.get('big')).toBe(100);
    expect(sum(t)).toBe(300);
    expect(Math.max(...t.values())).toBeLessThanOrEqual(100);
  });

  it('leaves slots unrouted when too few vendors can take them', () => {
    const t = allocateSlots({ candidates: [vendor('a', 100), vendor('b', 100)], slots: 300, items: 100, overlap: 3, minDistinctVendors: 2, jobPrice: 0.1 });
    // minDistinct 2 of 3: a vendor may hold 2 slots of an item.
    expect(sum(t)).toBe(300);
    const three = allocateSlots({ candidates: [vendor('a', 100), vendor('b', 100)], slots: 300, items: 100, overlap: 3, minDistinctVendors: 3, jobPrice: 0.1 });
    expect(sum(three)).toBe(300); // only two vendors exist: the cap relaxes to what is possible
  });

  it('prefers cheaper and better vendors at equal capacity', () => {
    const t = allocateSlots({ candidates: [vendor('cheap', 100, 0.05), vendor('dear', 100, 0.1), vendor('good', 100, 0.1, 1)], slots: 1000, items: 1000, overlap: 1, minDistinctVendors: 1, jobPrice: 0.1 });
    expect(t.get('cheap')!).toBeGreaterThan(t.get('dear')!);
    expect(t.get('good')!).toBeGreaterThan(t.get('dear')!);
  });

  it('gives nothing to vendors without capacity and nothing when there is nothing to place', () => {
    expect(allocateSlots({ candidates: [vendor('idle', 0)], slots: 10, items: 10, overlap: 1, minDistinctVendors: 1, jobPrice: 0.1 }).size).toBe(0);
    expect(allocateSlots({ candidates: [vendor('a', 10)], slots: 0, items: 0, overlap: 1, minDistinctVendors: 1, jobPrice: 0.1 }).size).toBe(0);
  });
});
