/** The only shape in which the API reports an error; it never contains a stack trace. */
export interface ApiErrorResponse {
  statusCode: number;
  /** The HTTP reason phrase, e.g. `Bad Request`. */
  error: string;
  /** What went wrong, in words a developer can act on; validation lists every problem. */
  message: string | string[];
}
