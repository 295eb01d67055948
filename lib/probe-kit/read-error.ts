/**
 * Thrown by a probe's `read` when it reached the dependency but could not read
 * what it was told to (a body that is not JSON, a key of another type): the
 * result is `error` with this message, never mistaken for the dependency being down.
 */
export class ProbeReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProbeReadError";
  }
}
