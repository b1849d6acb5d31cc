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

  it("reads the S3 settings: none without S3_BUCKET, keys in pairs, values never printed", () => {
    expect(parseEnv({}).S3_BUCKET).toBeUndefined();
    expect(parseEnv({})).toMatchObject({ S3_REGION: "us-east-1", LOG_FORMAT: "text" });
    const s3 = parseEnv({
      S3_BUCKET: "seedream-media",
      S3_ENDPOINT: "http://minio.internal:9000/",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret-value-1234",
      S3_FORCE_PATH_STYLE: "false",
      LOG_FORMAT: "json",
    });
    expect(s3).toMatchObject({
      S3_ENDPOINT: "http://minio.internal:9000",
      S3_FORCE_PATH_STYLE: false,
      LOG_FORMAT: "json",
    });
    expect(() => parseEnv({ S3_ENDPOINT: "http://minio.internal:9000" })).toThrow(
      /S3_ENDPOINT: needs S3_BUCKET/,
    );
    expect(() => parseEnv({ S3_BUCKET: "Bad_Bucket" })).toThrow(/S3_BUCKET: must be an S3 bucket name/);
    expect(() =>
      parseEnv({ S3_BUCKET: "seedream-media", S3_SECRET_ACCESS_KEY: "secret-value-1234" }),
    ).toThrow(/S3_ACCESS_KEY_ID: is required with S3_SECRET_ACCESS_KEY/);
    expect(() => parseEnv({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT: must be text or json/);
    try {
      parseEnv({ S3_BUCKET: "x", S3_SECRET_ACCESS_KEY: "secret-value-1234" });
    } catch (error) {
      expect(String(error)).not.toContain("secret-value-1234");
    }
  });
});
