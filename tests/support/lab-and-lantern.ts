import { readFileSync } from "node:fs";
import { controlApi } from "@/lab/control-api";
import { Lab } from "@/lab/lab";
import { LAB_HOST, PORTS } from "@/lab/lab-config";
import { startLanternServer, type LanternServer } from "./lantern-server";

/** The lab's systems and control API, and the production server watching them on the demo estate at 1 s. */
export interface LabAndLantern {
  lab: Lab;
  lantern: LanternServer;
  stop(): Promise<void>;
}

export const LAB_INTERVAL_MS = 1000;
export const LAB_TIMEOUT_MS = 800;

export async function startLabAndLantern(): Promise<LabAndLantern> {
  const lab = await Lab.start();
  const control = controlApi(lab);
  await control.start();
  const lantern = await startLanternServer(readFileSync("lab/estate.yaml", "utf8"), {
    LAB_INTERVAL: `${LAB_INTERVAL_MS}ms`,
    LAB_TIMEOUT: `${LAB_TIMEOUT_MS}ms`,
    LANTERN_LAB_URL: `http://${LAB_HOST}:${PORTS.control}`,
  });
  return {
    lab,
    lantern,
    async stop() {
      await lantern.stop();
      await control.stop();
      await lab.stop();
    },
  };
}
