// `safepassage serve`: opens the store (first start creates the administrator), imports a scenario if empty, serves the API.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { importIfEmpty, planDemoIfNone, prepareDemo } from '../../server/first-start.ts';
import { createApp, startServer } from '../../server/index.ts';
import { chooseStore, describeOpenError, ensureAdministrator, openChosenStore, type Store } from '../../store/index.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

const DEMO_SCENARIO = 'scenarios/southern-syria-2018';

interface ServeOptions {
  data?: string;
  key?: string;
  port: string;
  host: string;
  scenario?: string;
  static: string;
  demo?: boolean;
}

export const registerServe: CommandRegistration = (program, run) => {
  program
    .command('serve')
    .description('Serve the HTTP API (and the web app from web/dist). DATABASE_URL selects PostgreSQL.')
    .option('--data <dir>', 'embedded data folder (default .safepassage-data; ignored when DATABASE_URL is set)')
    .option('--key <file>', 'key file (default <data>.key; created on first start)')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--scenario <dir>', 'scenario folder: imported when the store has none; its files back OSM networks')
    .option('--static <dir>', 'built web app to serve under /', 'web/dist')
    .option('--demo', `demo: import ${DEMO_SCENARIO} if empty and create one account per role`)
    .action(run((options: ServeOptions) => serve(options)));
};

async function serve(options: ServeOptions): Promise<ExitCode> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be 0…65535, not "${options.port}"\n`);
    return EXIT.usage;
  }
  const scenarioDir = options.scenario ?? (options.demo ? DEMO_SCENARIO : undefined);
  const choice = chooseStore({ dataDir: options.data, keyFile: options.key });
  const opened = await openChosenStore(choice, { create: true });
  if (!opened.ok) {
    process.stderr.write(`cannot open the store: ${describeOpenError(opened.error)}\n`);
    return EXIT.invalidInput;
  }
  const store = opened.value;
  const now = new Date();
  const first = await ensureAdministrator(store, now, 'cli');
  if (first.created) {
    process.stdout.write(
      `first start: administrator "${first.username}" created with the one-time password\n\n    ${first.oneTimePassword}\n\n` +
        'it is shown only now; change it at first sign-in (POST /api/password)\n',
    );
  }
  if (scenarioDir !== undefined) {
    const imported = await importFolderIfEmpty(store, scenarioDir);
    if (imported !== EXIT.ok) {
      await store.close();
      return imported;
    }
  }
  if (options.demo) {
    for (const line of await prepareDemo(store, new Date())) process.stdout.write(`${line}\n`);
    for (const line of await planDemoIfNone(store, resolve(scenarioDir ?? DEMO_SCENARIO)))
      process.stdout.write(`${line}\n`);
  }
  const app = createApp({
    store,
    keyring: store.keyring,
    ...(scenarioDir === undefined ? {} : { scenarioDir: resolve(scenarioDir) }),
    staticDir: resolve(options.static),
  });
  const server = await startServer(app, { host: options.host, port });
  process.stdout.write(
    `Safe Passage API on ${server.url} (store: ${store.location.kind})\n` +
      `  sign in: POST ${server.url}/api/login {"username", "password"}; API: ${server.url}/api/openapi.json\n` +
      (existsSync(resolve(options.static)) ? `  web app: ${server.url}/\n` : ''),
  );
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('shutting down: finishing open requests\n');
  await server.close();
  await store.close();
  return EXIT.ok;
}

/** Imports the scenario folder when the store holds no scenario yet. */
async function importFolderIfEmpty(store: Store, dir: string): Promise<ExitCode> {
  const loaded = await loadScenario(dir);
  if (loaded.scenario === undefined) {
    process.stderr.write(`${dir}: the scenario has ${loaded.errorCount} error(s); run safepassage validate ${dir}\n`);
    return EXIT.invalidInput;
  }
  const imported = await importIfEmpty(store, loaded.scenario);
  if (!imported.ok) {
    process.stderr.write(`${dir}: import failed: ${imported.error}\n`);
    return EXIT.invalidInput;
  }
  if (imported.value.imported)
    process.stdout.write(
      `imported ${dir}: ${imported.value.people} people in ${imported.value.households} households\n`,
    );
  return EXIT.ok;
}
