import { ConfigError } from './config-error.js';

/** A MongoDB connection string and the database it names. */
export interface MongodbTarget {
  readonly uri: string;
  /** The database in the URI's path; `prana` when the URI names none. */
  readonly database: string;
}

/** The database used when the connection string names none. */
export const DEFAULT_MONGODB_DATABASE = 'prana';

const URI = /^mongodb(\+srv)?:\/\/[^/?#\s]+(\/([^?#\s]*))?(\?\S*)?$/;
const DATABASE = /^[A-Za-z0-9_-]{1,63}$/;

/** Accepts `mongodb://` and `mongodb+srv://` connection strings and reads the database from the path. */
export function parseMongodbUri(variable: string, value: string | undefined): MongodbTarget | undefined {
  if (value === undefined) return undefined;
  const match = URI.exec(value);
  if (match === null) throw new ConfigError(variable, 'invalid connection string: expected mongodb://host[:port][/database][?options] or mongodb+srv://…');
  const path = decodeURIComponent(match[3] ?? '');
  if (path !== '' && !DATABASE.test(path))
    throw new ConfigError(variable, `invalid database name ${JSON.stringify(path)}: 1 to 63 characters from [A-Za-z0-9_-]`);
  return Object.freeze({ uri: value, database: path === '' ? DEFAULT_MONGODB_DATABASE : path });
}
