import { Global, Inject, Module } from '@nestjs/common';
import { parseConfig } from './config.schema';

export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injects the validated configuration: `@InjectConfig() config: AppConfig`. */
export const InjectConfig = () => Inject(APP_CONFIG);

/**
 * Validates the environment when the application is created (not when this file is imported), so a
 * wrong value stops start-up with a message naming it, and tests can set the environment first.
 */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => parseConfig(process.env) }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
