/** RFC 9457 problem details, as every error of the API is answered. */
export interface FieldError {
  /** Path of the field at fault (« amount », « lines[2].funder », header « If-Match »). */
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `/problems/${code}`;
}

/**
 * A refusal of the domain, in the users' words: the code names the rule (« envelope-exceeded »), the detail says
 * why and by how much, the field names what to correct. Services throw subclasses; the filter answers them.
 */
export class DomainRefusal extends Error {
  constructor(
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly status = 422,
    readonly errors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainRefusal';
  }
}
