import { AppConfig, APP_CONFIG, exitOnStartupError } from '@steppingstone/core';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const app = await createApi();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`Steppingstone api listening on ${config.PUBLIC_URL} (port ${config.PORT}); OpenAPI at ${config.PUBLIC_URL}/api/docs`);
}

main().catch(exitOnStartupError('api'));
