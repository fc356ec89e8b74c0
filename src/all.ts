/** Everything: the core and every element, defined. The bundle's entry. */
export * from './index.js';
export { AcJobSource } from './elements/job-source/ac-job-source.js';
export { AcJobFilters } from './elements/job-filters/ac-job-filters.js';
export { AcJobDashboard } from './elements/job-dashboard/ac-job-dashboard.js';
export { AcJobAnalysis } from './elements/job-analysis/ac-job-analysis.js';
export { AcJobList } from './elements/job-list/ac-job-list.js';
export { AcJobDetail } from './elements/job-detail/ac-job-detail.js';
export { AcExportButton } from './elements/export-button/ac-export-button.js';
export { AcConnectionStatus } from './elements/connection-status/ac-connection-status.js';
export { AcLoginForm } from './elements/login-form/ac-login-form.js';
export { AcJobManager } from './elements/job-manager/ac-job-manager.js';
