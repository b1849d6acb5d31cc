import { NextRequest } from "next/server";
import { z } from "zod";
import { handlers } from "@/lib/auth";
import { route } from "@/lib/http/route";

// Auth.js reads these requests itself; here they are only bounded and checked for shape, then
// passed on unchanged (the POST with the very bytes that were read).
const paramsSchema = z.object({ nextauth: z.array(z.string().max(100)).min(1).max(4) });
const fieldsSchema = z.record(
  z.string().max(100),
  z.union([z.string().max(4096), z.array(z.string().max(4096))]),
);

export const GET = route(
  { name: "auth", auth: "public", params: paramsSchema, query: fieldsSchema },
  async ({ request }) => handlers.GET(new NextRequest(request)),
);

export const POST = route(
  {
    name: "auth",
    auth: "public",
    params: paramsSchema,
    query: fieldsSchema,
    body: { kind: "form", schema: fieldsSchema, maxBytes: 16 * 1024 },
  },
  async ({ request }) => handlers.POST(new NextRequest(request)),
);
