/**
 * A slow reference for standard errors that shares nothing with src/core/models/standard-errors.ts: the Hessian
 * from log-likelihood VALUES only (four-point second differences, Richardson-extrapolated), inverted by
 * Gauss–Jordan elimination with partial pivoting.
 */

/** −∇²f at `at` from values of f: [f(+i+j) − f(+i−j) − f(−i+j) + f(−i−j)] / (4hᵢhⱼ), steps h and h/2 combined. */
export function informationFromValues(
  f: (x: number[]) => number,
  at: readonly number[],
  relativeStep = 4e-3
): number[][] {
  const d = at.length;
  const second = (i: number, j: number, rel: number): number => {
    const hi = rel * at[i];
    const hj = rel * at[j];
    const shifted = (si: number, sj: number) => {
      const x = [...at];
      x[i] += si * hi;
      x[j] += sj * hj;
      return f(x);
    };
    return (shifted(1, 1) - shifted(1, -1) - shifted(-1, 1) + shifted(-1, -1)) / (4 * hi * hj);
  };
  const H: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const coarse = second(i, j, relativeStep);
      const fine = second(i, j, relativeStep / 2);
      H[i][j] = H[j][i] = -(fine + (fine - coarse) / 3);
    }
  }
  return H;
}

/** The inverse of a small square matrix by Gauss–Jordan elimination with partial pivoting. */
export function invert(A: number[][]): number[][] {
  const d = A.length;
  const M = A.map((row, i) => [...row, ...Array.from({ length: d }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < d; c++) {
    let best = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(M[r][c]) > Math.abs(M[best][c])) best = r;
    [M[c], M[best]] = [M[best], M[c]];
    const piv = M[c][c];
    for (let k = 0; k < 2 * d; k++) M[c][k] /= piv;
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = M[r][c];
      for (let k = 0; k < 2 * d; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row) => row.slice(d));
}

/** Standard errors: square roots of the diagonal of the inverse information. */
export function referenceStandardErrors(information: number[][]): number[] {
  return invert(information).map((row, i) => Math.sqrt(row[i]));
}

/** Sample standard deviation. */
export function sd(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
