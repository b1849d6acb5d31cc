// What a person is told when the upstream reports a task as failed. Most failures are about the
// request (the prompt, a safety filter), but a reference image the upstream could not download
// is about this app's reachability: blaming the prompt then sends people the wrong way.
const REFERENCE_DOWNLOAD =
  /(?:download|fetch|retriev|load|reach|access)\w*[^.]{0,60}?reference image (\d+)|reference image (\d+)[^.]{0,60}?(?:download|fetch|retriev|load|reach|access)/i;

export function upstreamFailureMessage(upstreamError: string | null | undefined): string {
  const detail = upstreamError?.slice(0, 200);
  const reference = detail?.match(REFERENCE_DOWNLOAD);
  if (reference) {
    const number = reference[1] ?? reference[2];
    return `The upstream could not download reference image ${number} from this app (${detail}). This is not about your prompt: retry in a moment. If it keeps happening, the upstream cannot reach this app's address (APP_URL). Failed tasks are not charged.`;
  }
  return `Seedream could not make this image${detail ? ` (${detail})` : ""}. Failed tasks are not charged. Retry, or change the prompt.`;
}
