import type http from "node:http";
import type { Behaviour } from "../behaviour";
import { createArkHost } from "./ark";
import { createFalHost } from "./fal";
import { createHostTaskStore } from "./host-tasks";
import { createKieHost } from "./kie";

/** The other Seedream hosts' contracts, served beside API in One's by the same simulator. */
export function createSimulatedHosts(options: {
  baseUrl: () => string;
  behaviour: () => Behaviour;
  kieWebhookKey: string | null;
}) {
  const store = createHostTaskStore({ fileBaseUrl: options.baseUrl, behaviour: options.behaviour });
  const wires = [
    createKieHost(store, { webhookKey: options.kieWebhookKey }),
    createArkHost(store),
    createFalHost(store, options.baseUrl),
  ];
  return {
    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
      const file = url.pathname.match(/^\/host-files\/([\w.-]+)$/);
      if (file && req.method === "GET") {
        store.serveFile(res, file[1] ?? "");
        return true;
      }
      for (const wire of wires) if (await wire.handle(req, res, url)) return true;
      return false;
    },
    /** For tests: what each task was asked and how often it was read. */
    describeTasks: () =>
      store.list().map(({ files, behaviour, pinned, ...task }) => ({ ...task, images: files.length })),
    close: () => store.close(),
  };
}
