import type { ProviderProfile } from "./profiles";
import type { CanonicalRequest } from "./types";

/** A request this host would refuse, found before a single credit is at stake. */
export class UnsupportedRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedRequestError";
  }
}

/** Checked when a submission is recorded (with the host's profile) and again before it is sent. */
export function assertSupported(
  adapter: Pick<ProviderProfile, "label" | "capabilities">,
  request: Pick<CanonicalRequest, "mode" | "count"> & { references: readonly unknown[] },
): void {
  const { maxReferences, maxImagesPerSubmission, maxImagesInAll } = adapter.capabilities;
  const references = request.references.length;
  if (request.mode === "edit" && references === 0) {
    throw new UnsupportedRequestError("An edit needs at least one reference image.");
  }
  if (request.mode === "generate" && references > 0) {
    throw new UnsupportedRequestError("A text-to-image request takes no reference images.");
  }
  if (references > maxReferences) {
    throw new UnsupportedRequestError(
      `${adapter.label} takes at most ${maxReferences} reference images; remove ${references - maxReferences}.`,
    );
  }
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > maxImagesPerSubmission) {
    throw new UnsupportedRequestError(
      `${adapter.label} makes 1 to ${maxImagesPerSubmission} images per submission.`,
    );
  }
  if (maxImagesInAll !== null && references + request.count > maxImagesInAll) {
    throw new UnsupportedRequestError(
      `${adapter.label} allows ${maxImagesInAll} images in all, references included: use fewer references or variations.`,
    );
  }
}
