import type http from "node:http";
import type { Behaviour } from "../behaviour";
import { createArkHost } from "./ark";
import { createFalHost, createFalStorage } from "./fal";
import { createHostTaskStore } from "./host-tasks";
import { createKieHost } from "./kie";
import { createUploadStore } from "./uploads";

/** The other Seedream hosts' contracts, served beside API in One's by the same simulator. */
export function createSimulatedHosts(options: {
  baseUrl: () => string;
  behaviour: () => Behaviour;
  kieWebhookKey: string | null;
}) {
  const store = createHostTaskStore({ fileBaseUrl: options.baseUrl, behaviour: options.behaviour });
  const uploads = createUploadStore(options.baseUrl);
  const wires = [
    createKieHost(store, uploads, { webhookKey: options.kieWebhookKey }),
    createArkHost(store),
    createFalHost(store, options.baseUrl),
    createFalStorage(uploads, options.baseUrl),
  ];
  const referenceKind = (reference: string) => {
    if (uploads.isUpload(reference)) return "upload";
    return reference.startsWith("data:") ? "data-uri" : "url";
  };
  return {
    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
      const file = url.pathname.match(/^\/host-files\/([\w.-]+)$/);
      if (file && req.method === "GET") {
        store.serveFile(res, file[1] ?? "");
        return true;
      }
      if (uploads.serve(req, res, url)) return true;
      for (const wire of wires) if (await wire.handle(req, res, url)) return true;
      return false;
    },
    /** For tests: what each task was asked, how each reference came (uploaded here or not) and how often it was read. */
    describeTasks: () =>
      store.list().map(({ files, behaviour, pinned, ...task }) => ({
        ...task,
        referenceKinds: task.references.map(referenceKind),
        images: files.length,
      })),
    close: () => store.close(),
  };
}
