import { ConfigError } from '../config/config.schema';
import { PendingMigrationsError } from '../database/pending-migrations';

/** Start-up failures a person can act on get one clear line, not a stack. */
export function exitOnStartupError(processName: string) {
  return (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ConfigError || error instanceof PendingMigrationsError) {
      console.error(`The ${processName} cannot start. ${message}`);
    } else if (/role "steppingstone_app" does not exist/.test(message)) {
      console.error(`The ${processName} cannot start: the database has not been set up. Run \`npm run migrate\` first.`);
    } else if (/ECONNREFUSED|does not exist/.test(message)) {
      console.error(`The ${processName} cannot start: ${message}. Is the service running? Try \`npm run services\`, then \`npm run migrate\`.`);
    } else {
      console.error(`The ${processName} failed to start:`, error);
    }
    process.exit(1);
  };
}
