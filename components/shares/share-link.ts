// Getting a new share link to where it is going. On a phone the system share sheet is the natural
// place (messages, mail, other apps); elsewhere the clipboard.

export type ShareOutcome = "shared" | "copied" | "failed";

const isPhone = () => typeof navigator.share === "function" && window.matchMedia("(pointer: coarse)").matches;

export async function sendShareLink(url: string): Promise<ShareOutcome> {
  if (isPhone()) {
    try {
      await navigator.share({ url });
      return "shared";
    } catch {
      // Dismissed, or not allowed here: fall back to the clipboard.
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    return "copied";
  } catch {
    return "failed";
  }
}
