import { AppError } from "@/lib/errors";
import { applySecurityHeaders, NON_DOCUMENT_POLICY } from "./security-headers";

/** The one error shape of every route (and of the proxy's refusals): `{ error: { code, message } }`. */
export function errorResponse(error: AppError): Response {
  const response = Response.json(
    { error: { code: error.code, message: error.message } },
    { status: error.status, headers: { "cache-control": "no-store" } },
  );
  applySecurityHeaders(response.headers, NON_DOCUMENT_POLICY);
  return response;
}

export const internalError = () =>
  new AppError("internal", "Something went wrong on our side. Try again in a moment.");
