import { randomBytes } from "node:crypto";
import type http from "node:http";
import { type Behaviour, type BehaviourPatch, promptDirectives, resolveBehaviour } from "../behaviour";
import { fetchReferences } from "../fetch-references";
import { renderSimulatedImage } from "../render-image";
import type { SimTaskPhase } from "../shapes";

// Tasks of the hosts other than API in One (KIE, Ark, fal): one store, several images per task, an
// item the content filter takes, references as URLs or data URIs. Each host's module only speaks
// its wire format over these.

export type SimHost = "kie" | "ark" | "fal";

export interface HostTaskSpec {
  host: SimHost;
  model: string;
  prompt: string;
  width: number;
  height: number;
  count: number;
  references: string[];
  callbackUrl: string | null;
  /** Whatever the host-specific request carried that a test may want to see (watermark, say). */
  extras: Record<string, unknown>;
}

export interface HostTask extends HostTaskSpec {
  id: string;
  behaviour: Behaviour;
  pinned: BehaviourPatch;
  phase: SimTaskPhase;
  files: { name: string; body: Buffer; contentType: string }[];
  itemErrors: { index: number; message: string }[];
  error: string | null;
  createdAt: number;
  completedAt: number | null;
  statusCalls: number;
  fileCalls: number;
}

const DATA_URI = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/=]+)$/;

async function loadReferences(references: string[], timeoutMs: number): Promise<Buffer[] | string> {
  const inline = references.map((reference) => DATA_URI.exec(reference));
  if (inline.every((match) => match !== null)) {
    return inline.map((match) => Buffer.from(match?.[2] ?? "", "base64"));
  }
  return fetchReferences(references, timeoutMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createHostTaskStore(options: { fileBaseUrl: () => string; behaviour: () => Behaviour }) {
  const tasks = new Map<string, HostTask>();
  const timers = new Set<NodeJS.Timeout>();

  function behaviourFor(prompt: string): { behaviour: Behaviour; pinned: BehaviourPatch } {
    const pinned = promptDirectives(prompt);
    return { behaviour: resolveBehaviour(options.behaviour(), pinned), pinned };
  }

  async function run(task: HostTask): Promise<void> {
    task.phase = "running";
    const fail = (message: string) => {
      task.phase = "failed";
      task.error = message;
      task.completedAt = Date.now();
    };
    if (task.behaviour.outcome === "fail")
      return fail("Simulated failure: the model could not produce this image.");
    const references =
      task.references.length > 0
        ? await loadReferences(task.references, task.behaviour.referenceTimeoutMs)
        : [];
    if (typeof references === "string") return fail(references);
    const format = task.behaviour.format;
    for (let index = 1; index <= task.count; index++) {
      if (index === task.behaviour.filterItem) {
        task.itemErrors.push({ index, message: "Simulated content filter: this variation was withheld." });
        continue;
      }
      const body = await renderSimulatedImage({
        prompt: `${task.prompt} #${index}`,
        width: task.width,
        height: task.height,
        format,
        reference: references[0],
      });
      task.files.push({
        name: `${task.id}-${index}.${format === "png" ? "png" : "jpg"}`,
        body,
        contentType: `image/${format}`,
      });
    }
    if (task.files.length === 0) return fail("Simulated content filter: every variation was withheld.");
    task.phase = "succeeded";
    task.completedAt = Date.now();
  }

  function create(spec: HostTaskSpec): HostTask {
    const { behaviour, pinned } = behaviourFor(spec.prompt);
    const task: HostTask = {
      ...spec,
      id: `sim_${spec.host}_${randomBytes(8).toString("hex")}`,
      behaviour,
      pinned,
      phase: "queued",
      files: [],
      itemErrors: [],
      error: null,
      createdAt: Date.now(),
      completedAt: null,
      statusCalls: 0,
      fileCalls: 0,
    };
    tasks.set(task.id, task);
    return task;
  }

  return {
    behaviourFor,
    get: (id: string) => tasks.get(id),
    list: () => [...tasks.values()],
    /** Creates a task that finishes in the background after the behaviour's duration. */
    start(spec: HostTaskSpec, onSettled: (task: HostTask) => Promise<void> = async () => {}): HostTask {
      const task = create(spec);
      if (task.behaviour.outcome === "forever") return task;
      const timer = setTimeout(() => {
        timers.delete(timer);
        run(task)
          .catch((error: unknown) => {
            task.phase = "failed";
            task.error = `Simulator could not render: ${(error as Error).message}`;
          })
          .then(() => onSettled(task))
          .catch(() => {});
      }, task.behaviour.durationMs);
      timers.add(timer);
      return task;
    },
    /** Runs a task to its end before answering, as a synchronous host does. */
    async runNow(spec: HostTaskSpec): Promise<HostTask> {
      const task = create(spec);
      await sleep(task.behaviour.durationMs);
      await run(task);
      return task;
    },
    fileUrls: (task: HostTask) =>
      task.files.map((file) => `${options.fileBaseUrl()}/host-files/${file.name}`),
    serveFile(res: http.ServerResponse, name: string): void {
      const task = tasks.get(name.replace(/-\d+\.[a-z]+$/, ""));
      if (task) task.fileCalls++;
      const file = task?.files.find((candidate) => candidate.name === name);
      if (!file || (task && resolveBehaviour(options.behaviour(), task.pinned).files === "server_error")) {
        res.writeHead(file ? 500 : 404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: file ? "Simulated result host failure" : "not found" }));
        return;
      }
      res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.body.length) });
      res.end(file.body);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

export type HostTaskStore = ReturnType<typeof createHostTaskStore>;
