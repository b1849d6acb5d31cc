import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import { withRequestChecks } from "@/lib/providers/checked-adapter";
import { createFalAdapter } from "@/lib/providers/fal";
import { createKieAdapter } from "@/lib/providers/kie";
import { hostOffers } from "@/lib/providers/offers";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import { ReferenceUploadError } from "@/lib/providers/reference-upload";
import { createProviderSet } from "@/lib/providers/registry";
import type { ProviderAdapter, ReferenceFile } from "@/lib/providers/types";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

const file: ReferenceFile = {
  bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
  contentType: "image/png",
  name: "3f2a.png",
};
const deadline = () => AbortSignal.timeout(5000);

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function recordingFetch(reply: () => Response) {
  const calls: { url: string; method: string; body: unknown; auth: string | null }[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: String(url),
      method: init?.method ?? "GET",
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
      auth: new Headers(init?.headers).get("authorization"),
    });
    return reply();
  }) as typeof fetch;
  return { fetchImpl, calls };
}

async function uploadFails(adapter: ProviderAdapter): Promise<ReferenceUploadError> {
  const error = await adapter.uploadReference?.(file, deadline()).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ReferenceUploadError);
  return error as ReferenceUploadError;
}

describe("which hosts take uploads", () => {
  it("KIE and fal upload references to their own stores; the composer stops asking for a public APP_URL", () => {
    expect(PROVIDER_PROFILES.kie.capabilities.referenceTransport).toBe("host-upload");
    expect(PROVIDER_PROFILES.fal.capabilities.referenceTransport).toBe("host-upload");
    expect(PROVIDER_PROFILES["api-in-one"].capabilities.referenceTransport).toBe("public-url");
    const settings = parseEnv({ SIMULATED_PROVIDERS: "api-in-one,kie,ark,fal" });
    const offers = hostOffers(settings, new Set());
    expect(Object.fromEntries(offers.map((offer) => [offer.id, offer.fetchesReferences]))).toEqual({
      "api-in-one": true,
      kie: false,
      ark: false,
      fal: false,
    });
  });

  it("reads the upload bases from settings, with the hosts' public defaults", () => {
    expect(parseEnv({})).toMatchObject({
      KIE_UPLOAD_URL: "https://kieai.redpandaai.co",
      FAL_STORAGE_URL: "https://rest.alpha.fal.ai",
    });
    expect(
      parseEnv({ KIE_UPLOAD_URL: "https://files.kie.test/", FAL_STORAGE_URL: "http://fal.internal:9000" }),
    ).toMatchObject({
      KIE_UPLOAD_URL: "https://files.kie.test",
      FAL_STORAGE_URL: "http://fal.internal:9000",
    });
    expect(() => parseEnv({ KIE_UPLOAD_URL: "ftp://files" })).toThrow(/KIE_UPLOAD_URL/);
    expect(() => parseEnv({ FAL_STORAGE_URL: "not a url" })).toThrow(/FAL_STORAGE_URL/);
  });
});

describe("KIE's file host", () => {
  const kie = (reply: () => Response) => {
    const recorded = recordingFetch(reply);
    const adapter = withRequestChecks(
      createKieAdapter({
        baseUrl: "https://api.kie.test",
        uploadUrl: "https://files.kie.test/",
        apiKey: "kie-key-1",
        fetch: recorded.fetchImpl,
      }),
    );
    return { adapter, calls: recorded.calls };
  };

  it("posts the image as a data URL with the key and returns its downloadUrl", async () => {
    const { adapter, calls } = kie(() =>
      json(200, {
        success: true,
        code: 200,
        msg: "File uploaded successfully",
        data: {
          fileName: file.name,
          filePath: `seedream-studio/${file.name}`,
          downloadUrl: "https://tempfile.redpandaai.co/x/seedream-studio/3f2a.png",
          fileSize: 7,
          mimeType: "image/png",
        },
      }),
    );
    expect(await adapter.uploadReference?.(file, deadline())).toBe(
      "https://tempfile.redpandaai.co/x/seedream-studio/3f2a.png",
    );
    expect(calls).toEqual([
      {
        url: "https://files.kie.test/api/file-base64-upload",
        method: "POST",
        auth: "Bearer kie-key-1",
        body: {
          base64Data: `data:image/png;base64,${file.bytes.toString("base64")}`,
          uploadPath: "seedream-studio",
          fileName: file.name,
        },
      },
    ]);
  });

  it("reads an error sent as HTTP 200 with another code, an HTTP error and a garbled answer as failures", async () => {
    const refused = kie(() => json(200, { success: false, code: 401, msg: "Unauthorized", data: null }));
    expect((await uploadFails(refused.adapter)).reason).toBe("code_401");
    const noData = kie(() => json(200, { code: 200, msg: "ok" }));
    expect((await uploadFails(noData.adapter)).reason).toBe("code_200");
    const broken = kie(() => json(500, { code: 500, msg: "Server error" }));
    expect((await uploadFails(broken.adapter)).reason).toBe("http_500");
    const garbled = kie(() => new Response("<html>", { status: 200 }));
    expect((await uploadFails(garbled.adapter)).reason).toBe("unreadable");
    const notHttp = kie(() => json(200, { code: 200, data: { downloadUrl: "file:///etc/passwd" } }));
    expect((await uploadFails(notHttp.adapter)).reason).toBe("unreadable");
  });
});

describe("fal's storage", () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** A stand-in for the signed upload URL's host, recording every request it gets. */
  async function uploadHost(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
    const server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      answer(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { origin, received };
  }

  const ok = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200);
    res.end();
  };

  function fal(uploadUrl: string, allowHosts: string[], initiate?: () => Response) {
    const recorded = recordingFetch(
      initiate ??
        (() => json(200, { upload_url: uploadUrl, file_url: "https://v3.fal.media/files/rabbit/3f2a.png" })),
    );
    const adapter = withRequestChecks(
      createFalAdapter({
        queueUrl: "https://queue.fal.test",
        storageUrl: "https://rest.fal.test/",
        apiKey: "fal-key-1",
        allowHosts: allowHosts.map(allowedHostOf),
        fetch: recorded.fetchImpl,
      }),
    );
    return { adapter, calls: recorded.calls };
  }

  it("initiates with the key, PUTs the bytes to the signed URL without it, and returns file_url", async () => {
    const target = await uploadHost(ok);
    const { adapter, calls } = fal(`${target.origin}/upload/abc?sig=1`, [target.origin]);
    expect(await adapter.uploadReference?.(file, deadline())).toBe(
      "https://v3.fal.media/files/rabbit/3f2a.png",
    );
    expect(calls).toEqual([
      {
        url: "https://rest.fal.test/storage/upload/initiate?storage_type=fal-cdn-v3",
        method: "POST",
        auth: "Key fal-key-1",
        body: { content_type: "image/png", file_name: file.name },
      },
    ]);
    expect(target.received).toHaveLength(1);
    const [put] = target.received;
    expect(put).toMatchObject({ method: "PUT", url: "/upload/abc?sig=1" });
    expect(put?.headers["content-type"]).toBe("image/png");
    expect(put?.headers.authorization).toBeUndefined();
    expect(put?.body.equals(file.bytes)).toBe(true);
  });

  it("refuses a private upload URL it was not allowed to reach, sending nothing there", async () => {
    const target = await uploadHost(ok);
    const { adapter } = fal(`${target.origin}/upload/abc`, []);
    expect((await uploadFails(adapter)).reason).toBe("refused_destination");
    const metadata = fal("http://169.254.169.254/latest/meta-data", []);
    expect((await uploadFails(metadata.adapter)).reason).toBe("refused_destination");
    expect(target.received).toHaveLength(0);
  });

  it("judges a redirect's target again, and never turns a PUT into a GET", async () => {
    const elsewhere = await uploadHost(ok);
    const redirecting = await uploadHost((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.origin}/stolen` });
      res.end();
    });
    const { adapter } = fal(`${redirecting.origin}/upload`, [redirecting.origin]);
    expect((await uploadFails(adapter)).reason).toBe("refused_destination");
    expect(elsewhere.received).toHaveLength(0);

    const seeOther = await uploadHost((_req, res) => {
      res.writeHead(303, { location: `${elsewhere.origin}/done` });
      res.end();
    });
    const moved = fal(`${seeOther.origin}/upload`, [seeOther.origin, elsewhere.origin]);
    expect((await uploadFails(moved.adapter)).reason).toBe("put_http_303");
    expect(elsewhere.received).toHaveLength(0);
  });

  it("reads a refused initiate, a garbled one and a refused PUT as failures", async () => {
    const target = await uploadHost((_req, res) => {
      res.writeHead(403);
      res.end("expired");
    });
    const refusedPut = fal(`${target.origin}/upload`, [target.origin]);
    expect((await uploadFails(refusedPut.adapter)).reason).toBe("put_http_403");
    const unauthorized = fal("", [], () => json(401, { detail: "Invalid key" }));
    expect((await uploadFails(unauthorized.adapter)).reason).toBe("http_401");
    const garbled = fal("", [], () =>
      json(200, { upload_url: "ftp://x", file_url: "https://v3.fal.media/a" }),
    );
    expect((await uploadFails(garbled.adapter)).reason).toBe("unreadable");
  });
});

describe("the simulated hosts' file stores", () => {
  let simulator: Simulator;
  afterEach(async () => simulator?.close());

  it("take uploads through the simulated registry's adapters and serve them back", async () => {
    simulator = await startSimulator();
    const set = createProviderSet(parseEnv({ SIMULATED_PROVIDERS: "kie,fal" }), () => simulator.url);
    for (const id of ["kie", "fal"] as const) {
      const url = await set.adapters.get(id)?.uploadReference?.(file, deadline());
      expect(url?.startsWith(`${simulator.url}/host-uploads/`)).toBe(true);
      const served = await fetch(url ?? "");
      expect(served.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await served.arrayBuffer()).equals(file.bytes)).toBe(true);
    }
  });

  it("check the key as the hosts do, and the signed Content-Type of a PUT", async () => {
    simulator = await startSimulator();
    const post = (path: string, auth: string, body: unknown) =>
      fetch(`${simulator.url}${path}`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const kieBody = { base64Data: "data:image/png;base64,iVBORw0K", uploadPath: "x", fileName: "a.png" };
    const unsigned = await post("/api/file-base64-upload", "", kieBody);
    expect(unsigned.status).toBe(200);
    expect(await unsigned.json()).toMatchObject({ success: false, code: 401 });
    const initiate = "/storage/upload/initiate?storage_type=fal-cdn-v3";
    const falBody = { content_type: "image/png", file_name: "a.png" };
    expect((await post(initiate, "Bearer x", falBody)).status).toBe(401);
    const { upload_url: uploadUrl, file_url: fileUrl } = (await (
      await post(initiate, "Key k", falBody)
    ).json()) as {
      upload_url: string;
      file_url: string;
    };
    const put = (contentType: string) =>
      fetch(uploadUrl, {
        method: "PUT",
        headers: { "content-type": contentType },
        body: new Uint8Array(file.bytes),
      });
    expect((await put("image/jpeg")).status).toBe(403);
    expect((await fetch(fileUrl)).status).toBe(404);
    expect((await put("image/png")).status).toBe(200);
    expect((await fetch(fileUrl)).status).toBe(200);
  });
});
