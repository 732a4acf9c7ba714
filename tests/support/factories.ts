/** Small factories for test documents: `makeNeed({ urgency: 'critical' })`. */
import { randomUUID } from 'node:crypto';
import type { Need } from '../../domain/schemas/need';

let counter = 0;

export function makeId(): string {
  return randomUUID();
}

export function makeNeed(overrides: Partial<Need> = {}): Need {
  counter += 1;
  return {
    id: makeId(),
    municipalityId: 'municipality-kharkiv-0001',
    category: 'energy',
    title: `Diesel generators ${counter}`,
    description: 'For the water pumping station and two schools',
    language: 'en',
    quantity: 4,
    unit: 'pieces',
    urgency: 'high',
    neededBy: '2026-12-20',
    place: { settlement: 'Kharkiv', pcode: 'UA63', lat: 49.99, lon: 36.23 },
    status: 'open',
    updatedAt: 1_790_000_000_000 + counter,
    ...overrides,
  };
}
