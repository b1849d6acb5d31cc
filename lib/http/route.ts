import "server-only";
import { AppError } from "@/lib/errors";
import { logEvent } from "@/lib/logging/log";

export function jsonError(error: unknown, context: string): Response {
  if (error instanceof AppError) {
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers: { "cache-control": "no-store" } },
    );
  }
  logEvent("route", `${context} failed`, {}, error);
  return Response.json(
    { error: { code: "internal", message: "Something went wrong on our side. Try again in a moment." } },
    { status: 500, headers: { "cache-control": "no-store" } },
  );
}

export const notFound = () => new AppError("not_found", "Not found.");
