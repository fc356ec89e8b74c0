import { fakeHarness, simulatorHarness } from './harnesses.js';
import { storeSuite } from './store-suite.js';

storeSuite(fakeHarness(false), 'memory');
storeSuite(simulatorHarness, 'memory');
