import { describe, expect, it } from "vitest";
import { isShuttingDown, onShutdown, runShutdownTasks } from "@/lib/server/shutdown";

describe("shutdown", () => {
  it("runs every registered task once, sets the flag, and skips unregistered ones", async () => {
    const ran: string[] = [];
    onShutdown("a", async () => {
      ran.push("a");
    });
    const unregister = onShutdown("b", () => {
      ran.push("b");
    });
    onShutdown("c", () => {
      throw new Error("boom");
    });
    onShutdown("d", () => new Promise<void>(() => {}));
    unregister();
    expect(isShuttingDown()).toBe(false);
    await runShutdownTasks(50);
    expect(isShuttingDown()).toBe(true);
    expect(ran).toEqual(["a"]);
    await runShutdownTasks(50);
    expect(ran).toEqual(["a"]);
  });
});
