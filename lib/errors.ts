/**
 * Errors the user can fix by changing what they typed or installed.
 * Entry points print the message on one line and exit with code 2,
 * before anything is written.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Input data (an MNIST file, a run directory) is missing or malformed. */
export class DataError extends UsageError {
  override name = "DataError";
}
