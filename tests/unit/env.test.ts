import path from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "@/lib/config/env";

describe("settings", () => {
  it("has a default for every setting, so a local run needs none", () => {
    const env = parseEnv({});
    expect(env.SEEDREAM_API_KEY).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env).toMatchObject({
      SEEDREAM_API_URL: "https://apiin.one/api/v1",
      DATA_DIR: path.resolve("./data"),
      APP_URL: "http://localhost:3000",
      SIMULATOR_PORT: 0,
    });
  });

  it("treats empty values as unset and strips trailing slashes", () => {
    const env = parseEnv({ SEEDREAM_API_KEY: "", APP_URL: "https://studio.example.com/" });
    expect(env.SEEDREAM_API_KEY).toBeUndefined();
    expect(env.APP_URL).toBe("https://studio.example.com");
  });

  it("reads OUTBOUND_ALLOW_HOSTS, and a bad entry stops start-up naming the setting", () => {
    expect(parseEnv({}).OUTBOUND_ALLOW_HOSTS).toEqual([]);
    expect(parseEnv({ OUTBOUND_ALLOW_HOSTS: "minio.internal:9000" }).OUTBOUND_ALLOW_HOSTS).toEqual([
      { host: "minio.internal", port: 9000 },
    ]);
    expect(() => parseEnv({ OUTBOUND_ALLOW_HOSTS: "http://minio.internal" })).toThrow(
      /OUTBOUND_ALLOW_HOSTS: must be host\[:port\] entries/,
    );
  });

  it("reads SEEDREAM_CALLBACKS, unset meaning: decided by whether APP_URL is public", () => {
    expect(parseEnv({}).SEEDREAM_CALLBACKS).toBeUndefined();
    expect(parseEnv({ SEEDREAM_CALLBACKS: "true" }).SEEDREAM_CALLBACKS).toBe(true);
    expect(() => parseEnv({ SEEDREAM_CALLBACKS: "yes" })).toThrow(
      /SEEDREAM_CALLBACKS: must be true or false/,
    );
  });

  it("names the bad setting without printing its value", () => {
    const secret = "short-secret-value";
    let message = "";
    try {
      parseEnv({ AUTH_SECRET: secret, DATABASE_URL: "mysql://nope" });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      message = (error as Error).message;
    }
    expect(message).toContain("AUTH_SECRET");
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain(secret);
  });
});
