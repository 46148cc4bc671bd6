export * from './application-confirmations';
export * from './public-application-form';
export * from './public-intake';
