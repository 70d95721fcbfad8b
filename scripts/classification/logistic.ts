/**
 * L2-regularised logistic regression, solved to convergence with L-BFGS (full batch, so the result
 * does not depend on example order and `npm run train` is reproducible). Minimises
 *   C · Σ sᵢ · log(1 + exp(-yᵢ·(w·xᵢ + b)))  +  ½‖w‖²
 * over binary hashed features (xᵢ is a set of bucket ids), with per-example weights sᵢ (class
 * weights, down-weighted public corpora). The bias is not regularised.
 */
import { BUCKETS } from '../../shared/classification/model/features';

export interface Example {
  readonly features: Uint32Array;
  readonly label: 0 | 1;
  readonly weight: number;
}

export interface TrainedHead {
  readonly name: string;
  readonly bias: number;
  /** One weight per hash bucket (BUCKETS long). */
  readonly weights: Float32Array;
}

export interface LogisticOptions {
  /** Inverse regularisation strength (liblinear's C). */
  readonly c: number;
  readonly maxIterations: number;
  /** Stop when the gradient norm falls below this share of its starting value. */
  readonly tolerance: number;
  /**
   * Per-bucket feature value (default 1): the model sees xⱼ·scaleⱼ instead of xⱼ, so the L2 penalty
   * is weaker on features with a large scale (NBSVM-style naive-Bayes log-count ratios, see
   * naiveBayesScale). The returned weights include the scale, so prediction is unchanged.
   */
  readonly featureScale?: (bucket: number) => number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { c: 1, maxIterations: 200, tolerance: 1e-4 };

const MEMORY = 8;

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const log1pExp = (z: number): number => (z > 30 ? z : z < -30 ? Math.exp(z) : Math.log1p(Math.exp(z)));
const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** The examples as compact sparse rows: only the buckets that occur get a column. */
class Design {
  readonly columnOf = new Map<number, number>();
  readonly buckets: number[] = [];
  readonly rowStart: Int32Array;
  readonly cols: Int32Array;
  constructor(examples: readonly Example[]) {
    let nnz = 0;
    for (const e of examples) nnz += e.features.length;
    this.rowStart = new Int32Array(examples.length + 1);
    this.cols = new Int32Array(nnz);
    let at = 0;
    examples.forEach((e, i) => {
      this.rowStart[i] = at;
      for (const b of e.features) {
        let col = this.columnOf.get(b);
        if (col === undefined) {
          col = this.buckets.length;
          this.columnOf.set(b, col);
          this.buckets.push(b);
        }
        this.cols[at++] = col;
      }
    });
    this.rowStart[examples.length] = at;
  }
}

export const trainLogistic = (name: string, examples: readonly Example[], options: LogisticOptions = DEFAULT_LOGISTIC): TrainedHead => {
  const design = new Design(examples);
  const n = examples.length;
  const d = design.buckets.length + 1; // last coordinate: the bias
  const y = Float64Array.from(examples, (e) => (e.label === 1 ? 1 : -1));
  const s = Float64Array.from(examples, (e) => e.weight * options.c);
  const { rowStart, cols } = design;
  const margins = new Float64Array(n);
  const scale = Float64Array.from(design.buckets, (b) => options.featureScale?.(b) ?? 1);

  /** Objective and gradient at x (gradient written into g). */
  const evaluate = (x: Float64Array, g: Float64Array): number => {
    const bias = x[d - 1]!;
    let f = 0;
    g.fill(0);
    for (let j = 0; j < d - 1; j++) {
      f += 0.5 * x[j]! * x[j]!;
      g[j] = x[j]!;
    }
    for (let i = 0; i < n; i++) {
      let z = bias;
      for (let p = rowStart[i]!; p < rowStart[i + 1]!; p++) z += x[cols[p]!]! * scale[cols[p]!]!;
      margins[i] = z;
      const yz = y[i]! * z;
      f += s[i]! * log1pExp(-yz);
      const coefficient = -s[i]! * y[i]! * sigmoid(-yz);
      g[d - 1]! += coefficient;
      for (let p = rowStart[i]!; p < rowStart[i + 1]!; p++) g[cols[p]!]! += coefficient * scale[cols[p]!]!;
    }
    return f;
  };

  const x = new Float64Array(d);
  const g = new Float64Array(d);
  let f = evaluate(x, g);
  const g0 = Math.sqrt(dot(g, g));
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(d);
  const xNew = new Float64Array(d);
  const gNew = new Float64Array(d);
  const alpha = new Float64Array(MEMORY);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (Math.sqrt(dot(g, g)) <= options.tolerance * g0) break;
    // Two-loop recursion: direction = -H·g.
    for (let j = 0; j < d; j++) direction[j] = -g[j]!;
    for (let k = sHistory.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(sHistory[k]!, direction);
      const yk = yHistory[k]!;
      for (let j = 0; j < d; j++) direction[j]! -= alpha[k]! * yk[j]!;
    }
    if (sHistory.length > 0) {
      const last = sHistory.length - 1;
      const gamma = dot(sHistory[last]!, yHistory[last]!) / dot(yHistory[last]!, yHistory[last]!);
      for (let j = 0; j < d; j++) direction[j]! *= gamma;
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let j = 0; j < d; j++) direction[j]! *= scale;
    }
    for (let k = 0; k < sHistory.length; k++) {
      const beta = rho[k]! * dot(yHistory[k]!, direction);
      const sk = sHistory[k]!;
      for (let j = 0; j < d; j++) direction[j]! += (alpha[k]! - beta) * sk[j]!;
    }
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      sHistory.length = 0;
      yHistory.length = 0;
      rho.length = 0;
      for (let j = 0; j < d; j++) direction[j] = -g[j]!;
      slope = dot(g, direction);
    }
    // Backtracking line search (Armijo), bounded.
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < d; j++) xNew[j] = x[j]! + step * direction[j]!;
      fNew = evaluate(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const sk = new Float64Array(d);
    const yk = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      sk[j] = xNew[j]! - x[j]!;
      yk[j] = gNew[j]! - g[j]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (sHistory.length === MEMORY) {
        sHistory.shift();
        yHistory.shift();
        rho.shift();
      }
      sHistory.push(sk);
      yHistory.push(yk);
      rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    const improvement = f - fNew;
    f = fNew;
    if (improvement < 1e-10 * Math.max(1, Math.abs(f))) break;
  }
  const weights = new Float32Array(BUCKETS);
  design.buckets.forEach((bucket, col) => {
    weights[bucket] = x[col]! * scale[col]!;
  });
  return { name, bias: x[d - 1]!, weights };
};

export const predictLogistic = (head: TrainedHead, features: Uint32Array): number => {
  let z = head.bias;
  for (const f of features) z += head.weights[f]!;
  return sigmoid(z);
};

/**
 * NBSVM-style scale (Wang & Manning 2012): |log-count ratio| of each bucket between the positive and
 * negative examples (weighted, add-`alpha` smoothing), floored so no feature is switched off.
 */
export const naiveBayesScale = (examples: readonly Example[], alpha = 1, floor = 0.25): ((bucket: number) => number) => {
  const positive = new Map<number, number>();
  const negative = new Map<number, number>();
  let pTotal = 0;
  let nTotal = 0;
  for (const e of examples) {
    const counts = e.label === 1 ? positive : negative;
    for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + e.weight);
    if (e.label === 1) pTotal += e.weight * e.features.length;
    else nTotal += e.weight * e.features.length;
  }
  const buckets = new Set([...positive.keys(), ...negative.keys()]);
  const vocabulary = buckets.size;
  const ratio = new Map<number, number>();
  for (const b of buckets) {
    const p = ((positive.get(b) ?? 0) + alpha) / (pTotal + alpha * vocabulary);
    const q = ((negative.get(b) ?? 0) + alpha) / (nTotal + alpha * vocabulary);
    ratio.set(b, Math.max(floor, Math.abs(Math.log(p / q))));
  }
  return (bucket) => ratio.get(bucket) ?? floor;
};
