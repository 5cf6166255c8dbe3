export class UnauthorizedError extends Error {
  override name = "UnauthorizedError";
  readonly status = 401;
}

export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  readonly status = 403;
}

export class NotFoundError extends Error {
  override name = "NotFoundError";
  readonly status = 404;
}

export type HttpError = UnauthorizedError | ForbiddenError | NotFoundError;

export function isHttpError(error: unknown): error is HttpError {
  return (
    error instanceof UnauthorizedError ||
    error instanceof ForbiddenError ||
    error instanceof NotFoundError
  );
}

export function errorResponse(error: unknown): Response {
  if (isHttpError(error)) {
    const code = error.name.replace(/Error$/, "").toLowerCase();
    return Response.json({ error: code }, { status: error.status });
  }
  console.error(error);
  return Response.json({ error: "internal" }, { status: 500 });
}
