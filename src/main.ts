import { Logger } from '@nestjs/common';
import { ConfigError } from './config/app-config';
import { loadConfig } from './config/load-config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  // Idle keep-alive sockets stay open longer than a proxy's or shipper's pool keeps them
  // (nginx upstream 60 s, most load balancers 60 s): with Node's default 5 s, a proxy that
  // reuses a socket Lognest is closing gets a reset and answers 502. headersTimeout must exceed it.
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  new Logger('Lognest').log(`Listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`);
}

void main();
