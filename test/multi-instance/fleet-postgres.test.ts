import { describeWithBackend } from '../helpers/backends';
import { isolatedStoreUrl } from '../helpers/isolated-store';
import { runAndCheckFleet } from './assert-fleet';

// Its own database, dropped afterwards: the bots sweep the whole due index of their store.
describeWithBackend('postgres')('three instances on one PostgreSQL', () => {
  const storeUrl = isolatedStoreUrl('postgres');
  test('1,000 reminders, one instance SIGKILLed mid-run: each delivered exactly once', async () => {
    await runAndCheckFleet('postgres', storeUrl());
  }, 200_000);
});
