/** An error the report command prints as-is (no stack): bad input, a failed cell, a missing tool. */
export class ReportError extends Error {
  override name = 'ReportError';
}
