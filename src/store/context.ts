/**
 * The store an ancestor (`<ac-job-source>`, `<ac-job-manager>`) provides to the elements
 * inside it, through @lit/context.
 */
import { createContext } from '@lit/context';
import type { JobStoreApi } from './store-api.js';

export const jobStoreContext = createContext<JobStoreApi | undefined>(Symbol.for('ac-job-store'));
