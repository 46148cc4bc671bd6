export * from './applicant-import';
export * from './applicant-import.error';
export * from './applicant-rows';
export * from './import-columns';
export * from './import-report';
export * from './read-applicant-csv';
