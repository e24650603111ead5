/** Domain errors services throw; the one error handler turns them into problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail?: string,
  ) {
    super(detail ?? title)
    this.name = new.target.name
  }
}

/** Also used for records the caller may not see: visibility never answers 403. */
export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'not-found', 'Not Found', `${what} not found`)
  }
}

/** A stale If-Match or version: carries the current record so the client can show both. */
export class ConflictError extends AppError {
  constructor(readonly current: unknown, detail = 'The record was changed by someone else') {
    super(412, 'precondition-failed', 'Precondition Failed', detail)
  }
}

export interface FieldError {
  path: string
  message: string
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request is not valid',
  ) {
    super(400, 'validation', 'Bad Request', detail)
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'Sign in to continue') {
    super(401, 'unauthorized', 'Unauthorized', detail)
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'You may not do this') {
    super(403, 'forbidden', 'Forbidden', detail)
  }
}

export class DuplicateError extends AppError {
  constructor(detail: string) {
    super(409, 'conflict', 'Conflict', detail)
  }
}

export class LockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(423, 'account-locked', 'Locked', 'Too many failed sign-ins; try again later')
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number, detail = 'Too many requests') {
    super(429, 'rate-limited', 'Too Many Requests', detail)
  }
}
