import type { Subscription } from "@nats-io/transport-node";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { BREAKER, DIRECT, PORTS } from "../lab-config";
import { CircuitBreaker } from "./circuit-breaker";
import { LabNats, type LabSystem } from "./connections";
import { every, json, LabHttpService } from "./http-kit";
import { connect, type NatsConnection } from "@nats-io/transport-node";

/**
 * S3 a Go + NATS service: request/reply on tickets.create in queue group
 * ticket-service, work on JetStream stream TICKETS for consumer ticket-worker,
 * and Prometheus /metrics with the golden signals and a resilience4j-style
 * breaker gauge for its payments client.
 */
export class TicketService implements LabSystem {
  readonly id = "ticket-service";
  readonly title = "Ticket service";
  readonly http = new LabHttpService("ticket-service", PORTS.ticketService);
  readonly breaker = new CircuitBreaker("payments", BREAKER);
  readonly faults = { errorRatio: 0, paymentsDown: false, workerStopped: false };

  private readonly registry = new Registry();
  private readonly requests = new Counter({ name: "http_requests_total", help: "HTTP requests", labelNames: ["method", "code"], registers: [this.registry] });
  private readonly duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration",
    labelNames: ["method"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  private readonly errors = new Counter({ name: "ticket_errors_total", help: "Tickets that failed", registers: [this.registry] });
  private readonly natsConnections = new Gauge({ name: "nats_connections", help: "Open NATS connections", registers: [this.registry] });
  private readonly breakerState = new Gauge({
    name: "resilience4j_circuitbreaker_state",
    help: "Circuit breaker state (1 for the current state)",
    labelNames: ["name", "state"],
    registers: [this.registry],
  });
  private readonly nats = new LabNats("ticket-service.nats", "ticket-service");
  private subscription: Subscription | undefined;
  private client: NatsConnection | undefined;
  private loops: { stop: () => void }[] = [];
  running = false;

  constructor() {
    this.http
      .on("GET", "/health", () => json(this.nats.connected ? 200 : 503, { status: this.nats.connected ? "ok" : "nats disconnected" }))
      .on("GET", "/metrics", async () => {
        this.publishBreaker();
        this.natsConnections.set(this.nats.connected ? 1 : 0);
        return { status: 200, text: await this.registry.metrics(), headers: { "content-type": this.registry.contentType } };
      })
      .on("POST", "/tickets", () => this.create());
  }

  async start() {
    await this.http.start();
    await this.startResponder();
    // A client of the service, on the machine's NATS directly: the other side of request/reply.
    this.client = await connect({ servers: DIRECT.nats, name: "ticket-client" });
    this.loops = [every(200, () => this.traffic()), every(300, () => this.work())];
    this.running = true;
  }

  /** The request/reply side alone: subscribed to tickets.create in queue group ticket-service. */
  async startResponder() {
    if (this.subscription && !this.subscription.isClosed()) return;
    const nc = await this.nats.connection();
    this.subscription = nc.subscribe("tickets.create", {
      queue: "ticket-service",
      callback: (_error, message) => {
        void this.create().then((reply) => message.respond(JSON.stringify(reply.body)));
      },
    });
  }

  async stopResponder() {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    await (await this.nats.connection()).flush();
  }

  async stop() {
    this.running = false;
    for (const loop of this.loops) loop.stop();
    this.subscription?.unsubscribe();
    await this.http.stop();
    await this.client?.close().catch(() => undefined);
    await this.nats.close();
  }

  private publishBreaker() {
    const current = this.breaker.refresh();
    for (const state of ["closed", "open", "half_open"]) {
      this.breakerState.set({ name: "payments", state }, state === current.replace("-", "_") ? 1 : 0);
    }
  }

  private async create() {
    const end = this.duration.startTimer({ method: "POST" });
    const failed = Math.random() < this.faults.errorRatio;
    let ok = !failed;
    if (ok) {
      try {
        await this.breaker.call(async () => {
          if (this.faults.paymentsDown) throw new Error("payments unavailable");
        });
      } catch {
        ok = false;
      }
    }
    end();
    this.requests.inc({ method: "POST", code: ok ? "201" : "500" });
    if (!ok) {
      this.errors.inc();
      return json(500, { error: "ticket not created" });
    }
    const id = Math.random().toString(36).slice(2, 10);
    await (await this.nats.js()).publish(`tickets.work.${id}`, JSON.stringify({ id })).catch(() => undefined);
    return json(201, { id, status: "created" });
  }

  private async traffic() {
    await this.client?.request("tickets.create", JSON.stringify({ title: "printer on fire" }), { timeout: 1_000 });
    // Its HTTP API gets traffic too, which its metrics count.
    await fetch(`http://127.0.0.1:${PORTS.ticketService}/tickets`, { method: "POST", signal: AbortSignal.timeout(1_000) }).then((r) => r.arrayBuffer());
  }

  private async work() {
    if (this.faults.workerStopped) return;
    const consumer = await (await this.nats.js()).consumers.get("TICKETS", "ticket-worker");
    const messages = await consumer.fetch({ max_messages: 50, expires: 1_000 });
    for await (const message of messages) message.ack();
  }
}
