import { describeWithBackend } from '../helpers/backends';
import { isolatedStoreUrl } from '../helpers/isolated-store';
import { runAndCheckFleet } from './assert-fleet';

// Its own Redis database, emptied before and after: the bots sweep the whole due index of their store.
describeWithBackend('redis')('three instances on one Redis', () => {
  const storeUrl = isolatedStoreUrl('redis');
  test('1,000 reminders, one instance SIGKILLed mid-run: each delivered exactly once', async () => {
    await runAndCheckFleet('redis', storeUrl());
  }, 200_000);
});
