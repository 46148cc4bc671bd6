import { AppConfig, APP_CONFIG, exitOnStartupError } from '@steppingstone/core';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const app = await createWorker();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.WORKER_PORT, '0.0.0.0');
  console.log(`Steppingstone worker processing queues; health on port ${config.WORKER_PORT}`);
}

main().catch(exitOnStartupError('worker'));
