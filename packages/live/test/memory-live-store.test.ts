import { MemoryLiveStore } from '../src/memory-live-store.js';
import { describeLiveStateStore } from './live-state-store.contract.js';

describeLiveStateStore('MemoryLiveStore', async () => new MemoryLiveStore());
