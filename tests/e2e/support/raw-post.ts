import fs from "node:fs";
import http from "node:http";

export interface RawPostResult {
  status: number;
  body: string;
  /** Bytes the client had handed to its socket when the answer came. */
  sentBytes: number;
}

/**
 * POSTs `totalBytes` of `fill` as a chunked body (no Content-Length), the way a streaming client
 * does, and stops sending the moment the server answers: a server that cuts the body off at its cap
 * answers long before the end.
 */
export function postChunked(
  url: string,
  { totalBytes, headers, fill = "a" }: { totalBytes: number; headers: Record<string, string>; fill?: string },
): Promise<RawPostResult> {
  const chunk = Buffer.alloc(64 * 1024, fill);
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const request = http.request(url, {
      method: "POST",
      headers: { ...headers, "transfer-encoding": "chunked" },
    });
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (text: string) => {
        body += text;
      });
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body, sentBytes });
        request.destroy();
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", write);
          return;
        }
      }
      if (!answered) request.end();
    };
    write();
  });
}

/** Resident memory of a process in bytes (Linux), from /proc/<pid>/status. */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * The highest resident memory of a process until `stop()`, sampled every few milliseconds: a body
 * buffered whole shows in the peak even when it is collected again before the end.
 */
export function watchResidentPeak(pid: number, everyMs = 10): { stop(): number } {
  let peak = residentBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentBytes(pid));
    } catch {
      // The process has gone: `stop()` will say so.
      clearInterval(timer);
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, residentBytes(pid));
    },
  };
}
