import { parseConfig } from '../config/config.schema';
import { migrate } from './migrate';

migrate(parseConfig(process.env), (line) => console.log(line))
  .then((ran) => {
    console.log(ran.length ? `${ran.length} migration(s) applied.` : 'The database is up to date.');
  })
  .catch((error: Error) => {
    console.error(`Migration failed: ${error.message}`);
    process.exit(1);
  });
