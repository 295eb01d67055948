import { PORTS } from "../lab-config";
import { json, LabHttpService } from "./http-kit";

export const KONG_CONSUMERS = Array.from({ length: 5 }, (_, i) => ({
  id: `00000000-0000-4000-8000-00000000000${i}`,
  username: `partner-${i}`,
  secret: `lab-kong-jwt-secret-${i}`,
}));

/** A Kong Admin API stand-in that game day can make slow or take away. */
export class KongStandIn {
  readonly http = new LabHttpService("kong", PORTS.kong);
  delayMs = 0;

  constructor() {
    this.http
      .on("GET", "/status", async () => {
        await this.pause();
        return json(200, { database: { reachable: true }, server: { connections_active: 3, total_requests: 1000 } });
      })
      .on("GET", "/consumers/*", async (_request, url) => {
        await this.pause();
        const id = url.pathname.slice("/consumers/".length).split("/")[0];
        const consumer = KONG_CONSUMERS.find((c) => c.id === id || c.username === id);
        if (!consumer) return json(404, { message: "Not found" });
        return json(200, { id: consumer.id, username: consumer.username, jwt_secrets: [{ key: consumer.username, secret: consumer.secret, algorithm: "HS256" }] });
      });
  }

  private pause() {
    return this.delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, this.delayMs)) : Promise.resolve();
  }
}
