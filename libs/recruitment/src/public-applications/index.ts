export * from './application-confirmations';
export * from './event-links';
export * from './public-application-form';
export * from './public-intake';
export * from './equality-step';
