// Resolves where the store and its key are from command-line options and the environment; shared by CLI and server.
import { err, ok, type Result } from '../core/result.ts';
import {
  defaultKeyFile,
  type Keyring,
  type KeyringError,
  type KeySource,
  keyringFromPassphrase,
  openKeyFile,
  openOrCreateKeyFile,
} from './keyring.ts';
import { DEFAULT_DATA_DIR, openStore, type Store, type StoreConfig, type StoreOpenError } from './store.ts';

export interface StoreChoice {
  readonly config: StoreConfig;
  readonly keySource: KeySource;
}

export interface StoreFlags {
  /** --data DIR (ignored when DATABASE_URL is set). */
  readonly dataDir?: string | undefined;
  /** --key FILE (default: beside the data folder, `<data>.key`). */
  readonly keyFile?: string | undefined;
}

/**
 * DATABASE_URL selects PostgreSQL, otherwise the embedded store in --data (default .safepassage-data).
 * SAFEPASSAGE_PASSPHRASE selects the passphrase key (its salt file beside the data, `<data>.salt`),
 * otherwise the key file.
 */
export function chooseStore(flags: StoreFlags, env: NodeJS.ProcessEnv = process.env): StoreChoice {
  const dataDir = flags.dataDir ?? DEFAULT_DATA_DIR;
  const config: StoreConfig =
    env.DATABASE_URL !== undefined && env.DATABASE_URL !== '' ? { databaseUrl: env.DATABASE_URL } : { dataDir };
  const keyBase = flags.keyFile ?? defaultKeyFile(dataDir);
  const keySource: KeySource =
    env.SAFEPASSAGE_PASSPHRASE !== undefined
      ? { kind: 'passphrase', saltFile: flags.keyFile ?? keyBase.replace(/\.key$/, '.salt') }
      : { kind: 'key-file', path: keyBase };
  return { config, keySource };
}

/** Loads the keyring of `choice`; `create` makes a new key file on first start. */
export async function loadKeyring(
  choice: StoreChoice,
  create: boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Result<Keyring, KeyringError>> {
  const source = choice.keySource;
  if (source.kind === 'passphrase') return keyringFromPassphrase(env.SAFEPASSAGE_PASSPHRASE ?? '', source.saltFile);
  return create ? openOrCreateKeyFile(source.path) : openKeyFile(source.path);
}

export type OpenChosenError = KeyringError | StoreOpenError;

/** Keyring, then store: what `serve`, `audit verify` and friends need. */
export async function openChosenStore(
  choice: StoreChoice,
  options: { readonly create: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Result<Store, OpenChosenError>> {
  const keyring = await loadKeyring(choice, options.create, env);
  if (!keyring.ok) return keyring;
  const store = await openStore(choice.config, keyring.value);
  return store.ok ? ok(store.value) : err(store.error);
}

/** One line for an operator, per error kind. */
export function describeOpenError(error: OpenChosenError): string {
  switch (error.kind) {
    case 'key-file-missing':
      return `no key file at ${error.path} (the store cannot be read without it)`;
    case 'key-file-exists':
      return `a key file already exists at ${error.path}`;
    case 'key-file-invalid':
      return `${error.path} is not a Safe Passage key file: ${error.reason}`;
    case 'unreachable':
      return `cannot reach the database: ${error.message}`;
    case 'migration-failed':
      return `the database schema could not be brought up to date (${error.migration ?? 'unknown migration'}): ${error.message}`;
    case 'wrong-key':
      return 'this key does not belong to this store (wrong key file or passphrase)';
  }
}
