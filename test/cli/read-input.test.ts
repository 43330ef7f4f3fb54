import * as iconv from "iconv-lite";
import { decodeText, parseCsv } from "../../src/cli/read-input";
import { CliError } from "../../src/cli/errors";

const HEADER = "顧客ID,購入日,金額\r\nC1,2024/1/5,1200円\r\n";

function failure(fn: () => unknown): CliError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error("expected a CliError");
}

describe("decoding ledger files", () => {
  it("reads UTF-8 with and without a BOM", () => {
    expect(decodeText(Buffer.from(HEADER, "utf8"), "a.csv")).toEqual({
      text: HEADER,
      encoding: "utf-8",
    });
    expect(decodeText(Buffer.from("\uFEFF" + HEADER, "utf8"), "a.csv")).toEqual({
      text: HEADER,
      encoding: "utf-8 (BOM)",
    });
  });

  it("detects Shift_JIS (CP932, with its NEC and IBM extensions such as ① and ㈱)", () => {
    const text = HEADER + "㈱①,2024/1/6,500\r\n";
    expect(decodeText(iconv.encode(text, "cp932"), "a.csv")).toEqual({
      text,
      encoding: "shift_jis",
    });
  });

  it("reads UTF-16 with a BOM (Excel's Unicode text)", () => {
    expect(
      decodeText(
        Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(HEADER, "utf-16le")]),
        "a.txt"
      ).text
    ).toBe(HEADER);
  });

  it("refuses binary data and text in other encodings, naming the byte", () => {
    expect(
      failure(() => decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), "a.csv")).code
    ).toBe("notText");
    const euc = failure(() => decodeText(iconv.encode(HEADER, "euc-jp"), "a.csv"));
    expect(euc.code).toBe("wrongEncoding");
    expect(euc.message).toMatch(/neither UTF-8 nor Shift_JIS \(unreadable bytes at byte \d+\)/);
    expect(failure(() => decodeText(Buffer.from("caf\xe9,1\n", "latin1"), "a.csv")).code).toBe(
      "wrongEncoding"
    );
    // a forced encoding that does not fit is an error too, not garbage
    expect(failure(() => decodeText(iconv.encode(HEADER, "cp932"), "a.csv", "utf-8")).code).toBe(
      "wrongEncoding"
    );
  });
});

describe("splitting CSV", () => {
  it("honours quotes, guesses tabs and semicolons, drops blank lines and pads short rows", () => {
    expect(parseCsv('a,b,c\r\n"x, y","1,200",z\r\n\r\nq\r\n', "a.csv")).toEqual([
      ["a", "b", "c"],
      ["x, y", "1,200", "z"],
      ["q", "", ""],
    ]);
    expect(parseCsv("a\tb\n1\t2\n", "a.tsv")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a;b\n1;2\n", "a.csv")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("refuses an unclosed quote, naming the line", () => {
    expect(failure(() => parseCsv('a,b\n"x,1\n2,3\n', "a.csv")).message).toMatch(
      /a\.csv, line \d+/
    );
  });
});
