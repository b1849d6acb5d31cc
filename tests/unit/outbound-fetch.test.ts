import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DownloadError, downloadImage } from "@/lib/media/download";
import { isPublicAddress } from "@/lib/net/address-policy";
import { type AllowedHost, allowedHostsSchema } from "@/lib/net/allowed-hosts";

describe("address classification", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "169.254.1.1",
    "100.64.0.1",
    "224.0.0.1",
    "0.0.0.0",
    "255.255.255.255",
    "::",
    "::1",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "64:ff9b::7f00:1",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "allows the public address %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe("OUTBOUND_ALLOW_HOSTS", () => {
  it("reads host[:port] entries, IPv6 in brackets", () => {
    expect(allowedHostsSchema.parse(" cdn.internal:8443, 10.0.0.5 ,[fd00::1]:8080,")).toEqual([
      { host: "cdn.internal", port: 8443 },
      { host: "10.0.0.5", port: null },
      { host: "fd00::1", port: 8080 },
    ]);
  });

  it.each(["http://cdn.internal", "cdn internal", "cdn.internal:99999", "cdn.internal:"])(
    "refuses %s",
    (value) => {
      expect(allowedHostsSchema.safeParse(value).success).toBe(false);
    },
  );
});

const PNG_1PX = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5dd" +
    "1b8b0000000049454e44ae426082",
  "hex",
);

interface TestServer {
  port: number;
  requests: string[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const started: TestServer = {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  servers.push(started);
  return started;
}

const image = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "image/png" });
  res.end(PNG_1PX);
};

const redirectTo = (location: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(302, { location });
  res.end();
};

const allow = (port: number): AllowedHost[] => [{ host: "127.0.0.1", port }];

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

const options = { maxBytes: 1024 * 1024, timeoutMs: 5000 };

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("downloading a URL that came from outside", () => {
  it("downloads from an allowed host", async () => {
    const cdn = await serve(image);
    const bytes = await downloadImage(`http://127.0.0.1:${cdn.port}/a.png`, {
      ...options,
      allowHosts: allow(cdn.port),
    });
    expect(bytes.equals(PNG_1PX)).toBe(true);
  });

  it("refuses a loopback address, by literal or by name, without connecting", async () => {
    const internal = await serve(image);
    for (const url of [
      `http://127.0.0.1:${internal.port}/a.png`,
      `http://localhost:${internal.port}/a.png`,
      `http://[::ffff:127.0.0.1]:${internal.port}/a.png`,
    ]) {
      const error = await failure(downloadImage(url, { ...options, allowHosts: [] }));
      expect(error).toMatchObject({ code: "refused_destination", permanent: true });
    }
    expect(internal.requests).toEqual([]);
  });

  it("allows only the port an allow-list entry names", async () => {
    const internal = await serve(image);
    const error = await failure(
      downloadImage(`http://127.0.0.1:${internal.port}/a.png`, {
        ...options,
        allowHosts: allow(internal.port + 1),
      }),
    );
    expect(error.code).toBe("refused_destination");
    expect(internal.requests).toEqual([]);
  });

  it("judges every redirect again: an allowed host cannot send us to another port on loopback", async () => {
    const internal = await serve(image);
    const cdn = await serve(redirectTo(`http://127.0.0.1:${internal.port}/secret.png`));
    const error = await failure(
      downloadImage(`http://127.0.0.1:${cdn.port}/a.png`, { ...options, allowHosts: allow(cdn.port) }),
    );
    expect(error.code).toBe("refused_destination");
    expect(cdn.requests).toEqual(["/a.png"]);
    expect(internal.requests).toEqual([]);
  });

  it("follows a few redirects within allowed hosts, then stops", async () => {
    let hops = 0;
    const cdn = await serve((req, res) => {
      if (req.url === "/final.png") return image(req, res);
      hops++;
      redirectTo(hops < 3 ? `/hop-${hops}` : "/final.png")(req, res);
    });
    const bytes = await downloadImage(`http://127.0.0.1:${cdn.port}/start`, {
      ...options,
      allowHosts: allow(cdn.port),
    });
    expect(bytes.equals(PNG_1PX)).toBe(true);

    const loop = await serve((req, res) => redirectTo(`${req.url}x`)(req, res));
    const error = await failure(
      downloadImage(`http://127.0.0.1:${loop.port}/x`, { ...options, allowHosts: allow(loop.port) }),
    );
    expect(error.code).toBe("refused_destination");
    expect(loop.requests).toHaveLength(4);
  });

  it("refuses schemes other than http(s), also as a redirect target", async () => {
    const error = await failure(downloadImage("file:///etc/passwd", { ...options, allowHosts: [] }));
    expect(error.code).toBe("refused_destination");
    const cdn = await serve(redirectTo("file:///etc/passwd"));
    const redirected = await failure(
      downloadImage(`http://127.0.0.1:${cdn.port}/a.png`, { ...options, allowHosts: allow(cdn.port) }),
    );
    expect(redirected.code).toBe("refused_destination");
  });

  it("checks the address the socket connects to, so a name that rebinds to loopback is refused", async () => {
    const internal = await serve(image);
    const lies = [
      [{ address: "127.0.0.1", family: 4 }],
      [
        { address: "93.184.215.14", family: 4 },
        { address: "127.0.0.1", family: 4 },
      ],
    ];
    for (const answer of lies) {
      const error = await failure(
        downloadImage(`http://cdn.example.test:${internal.port}/a.png`, {
          ...options,
          allowHosts: [],
          resolve: async () => answer,
        }),
      );
      expect(error.code).toBe("refused_destination");
    }
    expect(internal.requests).toEqual([]);
  });

  it("says the same thing whether a port is closed, answers 404 or is refused", async () => {
    const missing = await serve((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    const closed = await serve(image);
    await closed.close();
    servers.splice(servers.indexOf(closed), 1);
    const messages = await Promise.all([
      failure(
        downloadImage(`http://127.0.0.1:${missing.port}/a`, { ...options, allowHosts: allow(missing.port) }),
      ),
      failure(
        downloadImage(`http://127.0.0.1:${closed.port}/a`, { ...options, allowHosts: allow(closed.port) }),
      ),
      failure(downloadImage(`http://127.0.0.1:${closed.port}/a`, { ...options, allowHosts: [] })),
    ]);
    expect(new Set(messages.map((error) => error.message))).toEqual(
      new Set(["the result could not be downloaded"]),
    );
  });
});
