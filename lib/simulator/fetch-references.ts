import { sniffImageType } from "../media/sniff-image-type";

/**
 * Fetches every reference as the real upstream must; returns the images, or the failure message a
 * task gets when one of them does not answer or is not an image.
 */
export async function fetchReferences(urls: string[], timeoutMs: number): Promise<Buffer[] | string> {
  const images: Buffer[] = [];
  for (const [index, url] of urls.entries()) {
    const cannot = `The upstream could not download reference image ${index + 1} from this app`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      const body = Buffer.from(await response.arrayBuffer());
      if (!response.ok) return `${cannot} (HTTP ${response.status}).`;
      if (!sniffImageType(body)) return `Reference image ${index + 1} is not a JPEG, PNG or WebP image.`;
      images.push(body);
    } catch {
      return `${cannot}: no answer within ${timeoutMs / 1000} s.`;
    }
  }
  return images;
}
