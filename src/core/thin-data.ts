/**
 * Where a ledger is too thin for its LTV to be trusted: the facts that make the model's answer shaky, each one a
 * warning with the numbers the sentence needs (the words, in English and Japanese, are in src/i18n/warnings.ts).
 * Pure: the same facts give the same warnings, in a fixed order.
 *
 * The limits are rules of thumb, set where the interval of ./ledger-interval grows wide on simulated ledgers
 * (about ±25 % at 200 customers, ±40 % at 100) or where the model has to extrapolate far beyond what it saw.
 */

/** Fewer customers than this: the LTV can easily be off by a quarter. */
export const FEW_CUSTOMERS = 300;
/** Fewer repeat buyers than this: how often and how long customers buy rests on a handful of people. */
export const FEW_REPEAT_BUYERS = 100;
/** A horizon more than this many times the ledger's window: most of the LTV is extrapolated. */
export const HORIZON_OVER_WINDOW = 2;
/** Fewer cancellations than this (contract): how long subscribers stay rests on a handful of lapses. */
export const FEW_LAPSES = 30;

export type ThinDataWarning =
  | { code: "fewCustomers"; customers: number; limit: number }
  | { code: "fewRepeatBuyers"; repeatBuyers: number; customers: number; limit: number }
  | { code: "shortWindow"; windowDays: number; horizonDays: number }
  /** the fit held a shape parameter at its cap: customers look more alike than the model can say */
  | { code: "atBound"; parameters: string[] }
  /** no dropout could be estimated: the lifetime is bounded by the horizon only */
  | { code: "noDropoutSeen" }
  | { code: "fewLapses"; cancelled: number; limit: number }
  /** no interval could be computed (the data do not pin the parameters down) */
  | { code: "noInterval" };

/** What the warnings are judged from. */
export interface ThinDataFacts {
  business: "repeat" | "contract";
  /** customers in the fit */
  customers: number;
  /** repeat purchase: customers who bought again; contract: customers who cancelled */
  repeatBuyers: number;
  /** days from the first order to the end of the ledger */
  windowDays: number;
  /** the horizon of the LTV, in days */
  horizonDays: number;
  /** shape parameters the fit held at its cap */
  capped?: readonly string[];
  /** the model used; "nbd" means no dropout was seen */
  model?: string;
  /** false when no interval could be computed */
  interval?: boolean;
}

/**
 * The warnings for a ledger's LTV, most important first.
 * Example: 120 customers, 40 repeat buyers, a 6-month ledger and a 3-year horizon → fewCustomers,
 * fewRepeatBuyers, shortWindow. O(1).
 */
export function thinDataWarnings(f: ThinDataFacts): ThinDataWarning[] {
  const out: ThinDataWarning[] = [];
  if (f.interval === false) out.push({ code: "noInterval" });
  if (f.customers < FEW_CUSTOMERS)
    out.push({ code: "fewCustomers", customers: f.customers, limit: FEW_CUSTOMERS });
  if (f.business === "contract") {
    if (f.repeatBuyers < FEW_LAPSES)
      out.push({ code: "fewLapses", cancelled: f.repeatBuyers, limit: FEW_LAPSES });
  } else if (
    f.repeatBuyers < FEW_REPEAT_BUYERS &&
    // with few customers, few repeat buyers is news only when they are also a small share
    (f.customers >= FEW_CUSTOMERS || f.repeatBuyers < f.customers / 2)
  )
    out.push({
      code: "fewRepeatBuyers",
      repeatBuyers: f.repeatBuyers,
      customers: f.customers,
      limit: FEW_REPEAT_BUYERS,
    });
  if (f.horizonDays > HORIZON_OVER_WINDOW * Math.max(0, f.windowDays))
    out.push({
      code: "shortWindow",
      windowDays: Math.max(0, f.windowDays),
      horizonDays: f.horizonDays,
    });
  if (f.model === "nbd") out.push({ code: "noDropoutSeen" });
  if (f.capped && f.capped.length > 0) out.push({ code: "atBound", parameters: [...f.capped] });
  return out;
}
