/**
 * Each model described once: its parameters' names in the order of the row its fit returns, the function that
 * returns that row (named in messages), and what the model computes. The custom functions are one-liners over
 * these descriptions, and a parameter row is read into named parameters here and nowhere else.
 */
import { bgnbdExpected, bgnbdPAlive, fitBgNbd, type BgNbdParams } from "./bgnbd";
import { fitGammaGamma, gammaGammaSpend, type GammaGammaParams } from "./gamma-gamma";
import { readParams } from "./inputs";
import {
  fitParetoNbd,
  paretoNbdExpected,
  paretoNbdPAlive,
  type ParetoNbdParams,
} from "./pareto-nbd";
import type { RfmData, RfmGroups } from "./rfm";
import { fitSbg, sbgDerl, sbgRetention, sbgSurvival, type SbgParams } from "./sbg";
import {
  bgNbdCovariance,
  gammaGammaCovariance,
  paretoNbdCovariance,
  sbgCovariance,
  type Covariance,
} from "./standard-errors";

/** A fit's parameters with its log-likelihood, and the shapes a cap held fixed (if any). */
export type Fitted<P> = P & { logLik: number; capped?: readonly string[] };

/**
 * What every model has: named parameters, in row order, and the fit that returns them. (The entries below look
 * the model's functions up in their modules at each call rather than holding them, so a module function replaced
 * at run time is the one used.)
 */
export interface ModelDescription<P> {
  /** the custom function whose row holds the parameters ("the row returned by BGNBD_FIT") */
  fitFunction: string;
  /** the parameters' names, in the order of that row (the log-likelihood follows them) */
  params: readonly (keyof P & string)[];
}

/** A purchase model fitted to (frequency, recency, T) per customer: BG/NBD or Pareto/NBD. */
export interface PurchaseModelDescription<P> extends ModelDescription<P> {
  /** the fit, on customers already grouped by (x, tₓ, T) */
  fit(data: RfmData, groups: RfmGroups): Fitted<P>;
  /** the fit's covariance over the same groups, for its standard errors */
  covariance(fit: Fitted<P>, groups: RfmGroups): Covariance;
  /** expected purchases in the next t periods of a customer with (x, tₓ, T) */
  expected(p: P, t: number, x: number, tx: number, T: number, arg: string): number;
  /** probability that a customer with (x, tₓ, T) is still active */
  pAlive(p: P, x: number, tx: number, T: number): number;
}

export const BGNBD: PurchaseModelDescription<BgNbdParams> = {
  fitFunction: "BGNBD_FIT",
  params: ["r", "alpha", "a", "b"],
  fit: (data, groups) => fitBgNbd(data, groups),
  covariance: (fit, groups) => bgNbdCovariance(fit, groups),
  expected: (p, t, x, tx, T, arg) => bgnbdExpected(p, t, x, tx, T, arg),
  pAlive: (p, x, tx, T) => bgnbdPAlive(p, x, tx, T),
};

export const PARETO_NBD: PurchaseModelDescription<ParetoNbdParams> = {
  fitFunction: "PNBD_FIT",
  params: ["r", "alpha", "s", "beta"],
  fit: (data, groups) => fitParetoNbd(data, groups),
  covariance: (fit, groups) => paretoNbdCovariance(fit, groups),
  expected: (p, t, x, tx, T) => paretoNbdExpected(p, t, x, tx, T),
  pAlive: (p, x, tx, T) => paretoNbdPAlive(p, x, tx, T),
};

/** The spend model: Gamma-Gamma, fitted to repeat buyers' (frequency, mean spend). */
export const GAMMA_GAMMA: ModelDescription<GammaGammaParams> & {
  fit(frequency: ArrayLike<number>, monetary: ArrayLike<number>): Fitted<GammaGammaParams>;
  covariance(
    fit: GammaGammaParams,
    frequency: ArrayLike<number>,
    monetary: ArrayLike<number>
  ): Covariance;
  spend(p: GammaGammaParams, x: number, m: number): number;
} = {
  fitFunction: "GG_FIT",
  params: ["p", "q", "v"],
  fit: (x, m) => fitGammaGamma(x, m),
  covariance: (fit, x, m) => gammaGammaCovariance(fit, x, m),
  spend: (p, x, m) => gammaGammaSpend(p, x, m),
};

/** The contract model: shifted-beta-geometric, fitted to survivor counts. */
export const SBG: ModelDescription<SbgParams> & {
  fit(survivors: ArrayLike<number>): Fitted<SbgParams>;
  covariance(fit: SbgParams, survivors: ArrayLike<number>): Covariance;
  retention(p: SbgParams, t: number): number;
  survival(p: SbgParams, t: number): number;
  derl(p: SbgParams, discountRate: number, renewals: number): number;
} = {
  fitFunction: "SBG_FIT",
  params: ["alpha", "beta"],
  fit: (survivors) => fitSbg(survivors),
  covariance: (fit, survivors) => sbgCovariance(fit, survivors),
  retention: (p, t) => sbgRetention(p, t),
  survival: (p, t) => sbgSurvival(p, t),
  derl: (p, d, n) => sbgDerl(p, d, n),
};

/**
 * A parameter row read into named parameters. Example: `paramsOf(BGNBD, [[0.243, 4.414, 0.793, 2.426, −9582]])`
 * → `{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }`.
 * @throws LtvError as `readParams`: the wrong count (naming the model's fit), a cell that is no positive number.
 * O(parameters).
 */
export function paramsOf<P>(model: ModelDescription<P>, value: unknown, arg = "params"): P {
  const row = readParams(value, arg, model.params.length, model.fitFunction);
  const out = {} as Record<string, number>;
  model.params.forEach((name, i) => (out[name] = row[i]));
  return out as P;
}

/**
 * A fit as the row its custom function returns: the parameters in the model's order, then the log-likelihood.
 * Example: `fitRow(SBG, { alpha: 0.704, beta: 1.182, logLik: −2.1 })` → `[0.704, 1.182, −2.1]`. O(parameters).
 */
export function fitRow<P>(model: ModelDescription<P>, fit: Fitted<P>): number[] {
  return [...model.params.map((name) => fit[name] as unknown as number), fit.logLik];
}
