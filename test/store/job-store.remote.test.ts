import { fakeHarness, httpHarness } from './harnesses.js';
import { storeSuite } from './store-suite.js';

storeSuite(fakeHarness(true), 'remote');
storeSuite(httpHarness, 'remote');
