import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";
import { E2E_SIMULATOR_PORT, e2eDataDir, simulatorControlHeaders } from "./app-server";

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export async function solidImage(
  name: string,
  color: string,
  {
    width = 96,
    height = 64,
    format = "png",
  }: { width?: number; height?: number; format?: "png" | "jpeg" } = {},
): Promise<TestFile> {
  const image = sharp({ create: { width, height, channels: 3, background: color } });
  const buffer = format === "png" ? await image.png().toBuffer() : await image.jpeg().toBuffer();
  return { name, mimeType: format === "png" ? "image/png" : "image/jpeg", buffer };
}

/** A DataTransfer holding real File objects, built in the page (as a drop or paste carries them). */
export function dataTransferWith(page: Page, files: TestFile[], text?: string) {
  return page.evaluateHandle(
    ({ files, text }) => {
      const transfer = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
      }
      if (text !== undefined) transfer.setData("text/plain", text);
      return transfer;
    },
    {
      files: files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString("base64") })),
      text,
    },
  );
}

/** Drags files over the page and drops them, as a person dragging from the desktop does. */
export async function dropFiles(page: Page, files: TestFile[]) {
  const dataTransfer = await dataTransferWith(page, files);
  await page.dispatchEvent("main", "dragenter", { dataTransfer });
  await page.dispatchEvent("main", "dragover", { dataTransfer });
  await expect(page.getByTestId("drop-overlay")).toBeVisible();
  await page.dispatchEvent("main", "drop", { dataTransfer });
  await expect(page.getByTestId("drop-overlay")).toBeHidden();
}

export async function pickFiles(page: Page, files: TestFile[]) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Add images" }).click();
  await (await chooser).setFiles(files);
}

export const tray = (page: Page): Locator =>
  page.getByRole("list", { name: "Reference images" }).locator("> li");

export async function trayNames(page: Page): Promise<string[]> {
  return tray(page).evaluateAll((items) =>
    items.map((item) => item.getAttribute("data-reference-name") ?? ""),
  );
}

/**
 * Waits until the tray holds references and every one has finished uploading (its thumbnail then
 * comes from the server). Files are checked before they enter the tray, so an empty tray is not
 * "settled" yet.
 */
export async function uploadsSettled(page: Page) {
  await expect
    .poll(() =>
      tray(page).evaluateAll(
        (items) =>
          items.length > 0 &&
          items.every((item) => item.querySelector("img")?.getAttribute("src")?.startsWith("/media/")),
      ),
    )
    .toBe(true);
}

/** The reference URLs the simulator received for the task made from this prompt. */
export async function sentImageUrls(page: Page, prompt: string): Promise<string[]> {
  const response = await page.request.get(`http://127.0.0.1:${E2E_SIMULATOR_PORT}/__sim/tasks`, {
    headers: await simulatorControlHeaders(),
  });
  const tasks = (await response.json()) as { prompt: string; imageUrls: string[] }[];
  const task = tasks.find((t) => t.prompt === prompt);
  expect(task, `a simulator task for ${prompt}`).toBeDefined();
  return task?.imageUrls ?? [];
}

/** Mean colour of an image served by the app, to tell which reference a result came from. */
export async function meanColour(page: Page, src: string): Promise<[number, number, number]> {
  const response = await page.request.get(src);
  expect(response.status()).toBe(200);
  const { channels } = await sharp(await response.body()).stats();
  return [channels[0]?.mean ?? 0, channels[1]?.mean ?? 0, channels[2]?.mean ?? 0];
}

/** Every stored upload file of every user in the e2e data folder. */
export function storedUploadFiles(): string[] {
  const root = path.join(e2eDataDir(), "media/users");
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.includes(`uploads${path.sep}`) && !file.endsWith(".tmp"));
}
