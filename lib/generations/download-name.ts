// File names for downloads, made from the prompt: readable, safe on every file system, and
// distinct per image (the short id) so a zip of similar prompts never collides.

const MAX_STEM = 60;

export function downloadStem(prompt: string): string {
  const stem = prompt
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\[sim:[^\]]*\]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_STEM)
    .replace(/-+$/g, "");
  return stem || "seedream-image";
}

export function downloadName(prompt: string, id: string, extension: string): string {
  return `${downloadStem(prompt)}-${id.slice(0, 8)}.${extension}`;
}

/** A Content-Disposition header that every browser reads, whatever the name holds. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
