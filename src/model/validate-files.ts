/**
 * The checks of a job's files (`GET /jobs/{id}/files`), loaded with the first page of
 * files: their compiled schema is a module of its own (`generated/file-validators.js`), so
 * that the validators every page loads beside its first request do not carry it.
 */
import * as compiled from './generated/file-validators.js';
import type { FilePage } from './api.js';
import type { JobFile } from './file.js';
import { make, type Validator } from './validate.js';

export const validateJobFile: Validator<JobFile> = make('file', compiled.validateJobFile);
export const validateFilePage: Validator<FilePage> = make('page', compiled.validateFilePage);
