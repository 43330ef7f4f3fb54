/**
 * The real Excel JavaScript library (`@microsoft/office-js`, dist/excel-web-16.00.js: what Excel on the web loads)
 * in a bare Node context, with its request transport replaced, so a test can see every request exactly as
 * office.js serialises it: the `ProcessQuery` body (actions and object paths, `JSON.stringify`ed by office.js) and
 * the message array office.js hands the web host's channel (`RichApiMessageUtility.buildMessageArrayForIRequestExecutor`),
 * which that channel carries as JSON once more (so every quote of the body is escaped a second time).
 *
 * Responses: every query (a `load`) answers "null object" — a workbook without our sheet or names — and every
 * other action succeeds, which is all the writer needs to run its whole request sequence.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

const LIB = path.join(
  path.dirname(require.resolve("@microsoft/office-js/package.json")),
  "dist/excel-web-16.00.debug.js"
);

export interface CapturedRequest {
  /** the ProcessQuery body as office.js sends it (its own JSON.stringify of the request) */
  body: string;
  /** UTF-8 bytes of `body` */
  bodyBytes: number;
  /** UTF-8 bytes of the host message: JSON of office.js's message array, the body escaped inside it */
  messageBytes: number;
  actions: number;
}

export interface OfficeJs {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension;
  /** a request context on a workbook with nothing of ours in it */
  context(): Excel.RequestContext;
  requests: CapturedRequest[];
  /** makes the next `n` syncs fail as Excel on the web does for a request above its limit */
  failNextWithPayloadLimit(n: number): void;
}

export function loadOfficeJs(): OfficeJs {
  const sandbox: Record<string, unknown> = {
    console: { log() {}, warn() {}, error() {}, info() {} },
    setTimeout,
    clearTimeout,
    navigator: { userAgent: "node" },
    document: {
      readyState: "complete",
      addEventListener() {},
      getElementsByTagName: () => [],
      createElement: () => ({}),
      cookie: "",
    },
    location: { href: "https://localhost/", search: "", hash: "" },
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(LIB, "utf8"), sandbox, { filename: "excel-web-16.00.js" });
  const OE = sandbox.OfficeExtension as typeof OfficeExtension & Record<string, any>;
  const requests: CapturedRequest[] = [];
  let failures = 0;
  OE.HttpUtility.setCustomSendRequestFunc(
    (req: { body: unknown; headers: Record<string, string> }) => {
      const body = typeof req.body === "string" ? req.body : JSON.stringify(req.body);
      const parsed = JSON.parse(body) as { Actions: Array<{ Id: number; ActionType: number }> };
      const array = OE.RichApiMessageUtility.buildMessageArrayForIRequestExecutor(
        "",
        0,
        { Body: parsed, Headers: {} },
        "officejs"
      );
      requests.push({
        body,
        bodyBytes: Buffer.byteLength(body, "utf8"),
        messageBytes: Buffer.byteLength(JSON.stringify(array), "utf8"),
        actions: parsed.Actions.length,
      });
      if (failures > 0) {
        failures--;
        return Promise.resolve({
          statusCode: 400,
          headers: {},
          body: JSON.stringify({
            error: {
              code: "RequestPayloadSizeLimitExceeded",
              message: "The request payload size has exceeded the limit.",
            },
          }),
        });
      }
      // 2 = Query (a load): answer "null object" (a null value). 1 = Instantiate of an object made by a method
      // such as worksheets.add(): the host answers with a reference id, which lets office.js reuse the object in
      // later requests (as the writer does with its new sheet). Everything else needs no value.
      const paths = (parsed as unknown as { ObjectPaths: Record<string, { Name: string }> })
        .ObjectPaths;
      const results = parsed.Actions.flatMap((a): Array<{ ActionId: number; Value: unknown }> => {
        if (a.ActionType === 2) return [{ ActionId: a.Id, Value: null }];
        const target = paths[String((a as { ObjectPathId?: number }).ObjectPathId)];
        if (a.ActionType === 1 && target?.Name === "Add")
          return [{ ActionId: a.Id, Value: { _ReferenceId: `{ref-${a.Id}}` } }];
        return [];
      });
      return Promise.resolve({
        statusCode: 200,
        headers: {},
        body: JSON.stringify({ Results: results }),
      });
    }
  );
  const Excel = sandbox.Excel as typeof globalThis.Excel;
  return {
    Excel,
    OfficeExtension: OE,
    context: () => new Excel.RequestContext("https://excel.invalid/"),
    requests,
    failNextWithPayloadLimit: (n) => {
      failures = n;
    },
  };
}
