/**
 * The built bundle behind a worker thread, called synchronously: the caller posts a request and blocks on a
 * shared flag (Atomics.wait) for at most the time limit, then reads the answer with receiveMessageOnPort. A call
 * that does not answer in time is reported as a hang, the worker is terminated and a fresh one loaded — a
 * synchronous function that loops forever cannot be interrupted any other way.
 */
import * as path from "path";
import { MessageChannel, Worker, receiveMessageOnPort } from "worker_threads";
import type { ErrorCellFactory } from "./arbitraries";
import { Opaque } from "./invariant";
import type { Observation } from "./property";
import { slowMs } from "./property";
import { distFile, internalErrorPrefix, loadBundle } from "./runtime";

const ERROR_CELL = "__excelErrorCell";

type Encoded =
  | { kind: "excelError"; code: string; message: string }
  | { kind: "value"; value: unknown }
  | { kind: "other"; description: string };

interface WorkerCall {
  threw?: string;
  outcome?: Encoded;
}

interface WorkerObservation {
  threw?: string;
  first?: WorkerCall;
  second?: WorkerCall;
  ms: number;
  mutated: boolean;
}

export class IsolatedBundle {
  readonly label = "bundle";
  readonly ErrorClass: new (code: string, message?: string) => object;
  readonly makeError: ErrorCellFactory;
  readonly internalErrorPrefix = internalErrorPrefix();
  private worker: Worker | undefined;

  /** @param bundlePath the bundle to load (default dist/functions.js; the self-test passes a broken one) */
  constructor(private readonly bundlePath = distFile("functions.js")) {
    // error cells are made in this thread with the shim's class, and sent to the worker as markers
    const local = loadBundle(bundlePath);
    this.ErrorClass = local.ErrorClass as new (code: string, message?: string) => object;
    this.makeError = local.makeError;
  }

  /** The ids the bundle registers. */
  ids(): string[] {
    return [...loadBundle(this.bundlePath).functions.keys()];
  }

  private start(): Worker {
    if (!this.worker) {
      this.worker = new Worker(path.join(__dirname, "bundle-worker.js"), {
        workerData: { bundle: this.bundlePath },
      });
      this.worker.unref();
    }
    return this.worker;
  }

  /** Calls function `id` with `args` in the worker (twice, as in-process observation does) within the time limit. */
  observe(id: string, args: unknown[]): Observation {
    const worker = this.start();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    // loading the bundle in a new worker takes a moment: allow for it on top of the call's own limit
    worker.postMessage({ id, args: this.encodeArgs(args), port: port2, flag }, [port2]);
    const waited = Atomics.wait(flag, 0, 0, slowMs() * 2 + 2000);
    const message = receiveMessageOnPort(port1);
    port1.close();
    if (waited === "timed-out" || !message) {
      void worker.terminate();
      this.worker = undefined;
      return { timedOut: true, ms: Infinity, mutated: false };
    }
    return this.decode(message.message as WorkerObservation);
  }

  stop(): Promise<number> | undefined {
    const w = this.worker;
    this.worker = undefined;
    return w?.terminate();
  }

  private encodeArgs(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.encodeArgs(x));
    if (v instanceof this.ErrorClass) return { [ERROR_CELL]: (v as { code: string }).code };
    return v;
  }

  private decodeOutcome(e: Encoded | undefined): unknown {
    if (!e) return undefined;
    if (e.kind === "excelError") return new this.ErrorClass(e.code, e.message);
    if (e.kind === "other") return new Opaque(e.description);
    return e.value;
  }

  private decode(o: WorkerObservation): Observation {
    if (o.threw !== undefined) return { threw: o.threw, ms: 0, mutated: false };
    const first = o.first ?? {};
    const second = o.second;
    return {
      threw: first.threw,
      result: this.decodeOutcome(first.outcome),
      threwAgain: second?.threw,
      again: this.decodeOutcome(second?.outcome),
      ms: o.ms,
      mutated: o.mutated,
    };
  }
}
