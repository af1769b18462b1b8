// The database's failures a user can act on, in a module of their own: the CLI names them without loading the drivers.
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}
