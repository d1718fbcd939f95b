/*
 * The simulation step loop of src-shared/engine/simulate.ts, in C for WebAssembly. Same
 * expressions in the same order, IEEE double arithmetic (wasm has no fused multiply-add and
 * -ffast-math is off), and exp as V8's Math.exp computes it (fdlibm's __ieee754_exp, as in V8's
 * base/ieee754.cc), so the spikes are bit-identical to the TypeScript engine's; the engine tests
 * run both. Memory is laid out by the TypeScript side; there is no libc and no allocation.
 *
 * Build: node scripts/build-wasm.mjs (clang --target=wasm32, lld).
 */
#include <stdint.h>

extern double js_exp(double x); /* Math.exp, for arguments outside the range below. */

static uint32_t high_word(double x) {
  union { double d; uint64_t u; } c;
  c.d = x;
  return (uint32_t)(c.u >> 32);
}

static double from_high_word(uint32_t hw) {
  union { double d; uint64_t u; } c;
  c.u = (uint64_t)hw << 32;
  return c.d;
}

static double fdlibm_exp(double x) {
  const double one = 1.0;
  const double ln2HI = 6.93147180369123816490e-01, ln2LO = 1.90821492927058770002e-10;
  const double invln2 = 1.44269504088896338700e+00;
  const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03,
               P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
               P5 = 4.13813679705723846039e-08;
  const double E = 2.718281828459045;
  double y, hi = 0.0, lo = 0.0, c, t, twopk;
  int32_t k = 0, xsb;
  uint32_t hx = high_word(x);
  xsb = (hx >> 31) & 1;
  hx &= 0x7FFFFFFF;
  if (hx >= 0x40862E42) return js_exp(x); /* |x| >= 709.78, NaN, infinities */
  if (hx > 0x3FD62E42) {
    if (hx < 0x3FF0A2B2) {
      if (x == 1.0) return E;
      hi = x - (xsb ? -ln2HI : ln2HI);
      lo = xsb ? -ln2LO : ln2LO;
      k = 1 - xsb - xsb;
    } else {
      k = (int32_t)(invln2 * x + (xsb ? -0.5 : 0.5));
      hi = x - k * ln2HI;
      lo = k * ln2LO;
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) {
    return one + x;
  } else {
    k = 0;
  }
  t = x * x;
  twopk = from_high_word((uint32_t)(0x3FF00000 + (k << 20)));
  c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return one - ((x * c) / (c - 2.0) - x);
  y = one - ((lo - (x * c) / (2.0 - c)) - hi);
  return y * twopk;
}

/* Parameter block P (doubles), filled by TypeScript; indices must match kernel-layout.ts. */
enum {
  P_DT, P_MU_E, P_MU_I,
  P_K_E, P_VR_E, P_VT_E, P_C_E, P_A_E, P_B_E, P_PEAK_E, P_RESET_E, P_D_E,
  P_K_I, P_VR_I, P_VT_I, P_C_I, P_A_I, P_B_I, P_PEAK_I, P_RESET_I, P_D_I,
  P_G_AMPA, P_G_NMDA, P_INC_AMPA_I, P_INC_NMDA_I, P_INC_GABAA_E, P_INC_GABAB_E, P_INC_GABAA_I, P_INC_GABAB_I,
  P_G_E_EXT, P_G_I_EXT, P_KEEP_AMPA, P_KEEP_NMDA, P_KEEP_GABAA, P_KEEP_GABAB,
  /* carried state */
  S_GABAA_E, S_GABAB_E, S_AMPA_I, S_NMDA_I, S_GABAA_I, S_GABAB_I,
  /* divergence report */
  D_VALUE,
  P_COUNT
};

/* Integer block Q, likewise. */
enum { Q_NE, Q_NI, Q_DELAY_START, Q_N_NEXT_E, Q_N_NEXT_I, Q_N_SPIKES, Q_DIV_STEP, Q_DIV_NEURON, Q_DIV_POP, Q_COUNT };

static double *P, *V, *U, *gbg, *sAmpaE, *sNmdaE, *W, *expV, *delayInputSum;
static int32_t *Q, *nextE, *prevE, *firedI;
static uint32_t *rowStart, *counts, *spikeSteps;
static uint16_t *cols, *spikeNeurons;

void bind(double *p, int32_t *q, double *v, double *u, double *g, double *sa, double *sn, double *w, double *ev,
          double *dis, int32_t *ne, int32_t *pe, int32_t *fi, uint32_t *rs, uint16_t *cl, uint32_t *cnt,
          uint32_t *ss, uint16_t *sneu) {
  P = p; Q = q; V = v; U = u; gbg = g; sAmpaE = sa; sNmdaE = sn; W = w; expV = ev; delayInputSum = dis;
  nextE = ne; prevE = pe; firedI = fi; rowStart = rs; cols = cl; counts = cnt; spikeSteps = ss; spikeNeurons = sneu;
}

/* Steps [i0, i1). Returns 0, or 1 when a neuron diverged (details in Q and P[D_VALUE]). */
int32_t run_steps(int32_t i0, int32_t i1) {
  const int32_t Ne = Q[Q_NE], N = Q[Q_NE] + Q[Q_NI], delayStart = Q[Q_DELAY_START];
  const double dt = P[P_DT], muE = P[P_MU_E], muI = P[P_MU_I];
  const double kE = P[P_K_E], vrE = P[P_VR_E], vtE = P[P_VT_E], CE = P[P_C_E], aE = P[P_A_E], bE = P[P_B_E];
  const double peakE = P[P_PEAK_E], cE = P[P_RESET_E], dE = P[P_D_E];
  const double kI = P[P_K_I], vrI = P[P_VR_I], vtI = P[P_VT_I], CI = P[P_C_I], aI = P[P_A_I], bI = P[P_B_I];
  const double peakI = P[P_PEAK_I], cI = P[P_RESET_I], dI = P[P_D_I];
  const double gAmpa = P[P_G_AMPA], gNmda = P[P_G_NMDA];
  const double incAmpaI = P[P_INC_AMPA_I], incNmdaI = P[P_INC_NMDA_I];
  const double incGabaaE = P[P_INC_GABAA_E], incGababE = P[P_INC_GABAB_E], incGabaaI = P[P_INC_GABAA_I], incGababI = P[P_INC_GABAB_I];
  const double gEext = P[P_G_E_EXT], gIext = P[P_G_I_EXT];
  const double keepAmpa = P[P_KEEP_AMPA], keepNmda = P[P_KEEP_NMDA], keepGabaa = P[P_KEEP_GABAA], keepGabab = P[P_KEEP_GABAB];
  double sGabaaE = P[S_GABAA_E], sGababE = P[S_GABAB_E], sAmpaI = P[S_AMPA_I], sNmdaI = P[S_NMDA_I];
  double sGabaaI = P[S_GABAA_I], sGababI = P[S_GABAB_I];
  int32_t nNextE = Q[Q_N_NEXT_E], nNextI = Q[Q_N_NEXT_I], nSpikes = Q[Q_N_SPIKES];
  int32_t status = 0;

  for (int32_t i = i0; i < i1; i++) {
    const int32_t nFiredE = nNextE, nFiredI = nNextI;
    int32_t *firedE = nextE;
    nextE = prevE;
    prevE = firedE;
    nNextE = 0;
    nNextI = 0;
    for (int32_t f = 0; f < nFiredE; f++) {
      const int32_t j = firedE[f];
      V[j] = cE;
      U[j] += dE;
      spikeSteps[nSpikes] = (uint32_t)i;
      spikeNeurons[nSpikes++] = (uint16_t)j;
      counts[j]++;
    }
    for (int32_t f = 0; f < nFiredI; f++) {
      const int32_t j = firedI[f];
      V[j] = cI;
      U[j] += dI;
      spikeSteps[nSpikes] = (uint32_t)i;
      spikeNeurons[nSpikes++] = (uint16_t)j;
      counts[j]++;
    }
    for (int32_t f = 0; f < nFiredE; f++) {
      const double *row = W + (int64_t)firedE[f] * Ne;
      for (int32_t post = 0; post < Ne; post++) {
        const double w = row[post];
        sAmpaE[post] += gAmpa * w;
        sNmdaE[post] += gNmda * w;
      }
      sAmpaI += incAmpaI;
      sNmdaI += incNmdaI;
    }
    for (int32_t f = 0; f < nFiredI; f++) {
      sGabaaE += incGabaaE;
      sGababE += incGababE;
      sGabaaI += incGabaaI;
      sGababI += incGababI;
    }
    for (uint32_t k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
      const int32_t j = cols[k];
      gbg[j] += j < Ne ? gEext : gIext;
    }
    for (int32_t j = 0; j < N; j++) expV[j] = fdlibm_exp(0.062 * V[j]);
    const int inDelay = i >= delayStart;
    for (int32_t j = 0; j < Ne; j++) {
      const double v = V[j], u = U[j];
      const double iSyn = -(sAmpaE[j] * (v - 0) + sNmdaE[j] * (v - 0) * (1 / (1 + 0.4202 * expV[j])) +
                            sGabaaE * (v - -70.0) + sGababE * (v - -90.0));
      const double iBg = -gbg[j] * (v - 0);
      const double input = muE * (iBg + iSyn);
      const double vNext = v + (dt * (kE * (v - vrE) * (v - vtE) - u + input)) / CE;
      V[j] = vNext;
      if (!(vNext < peakE && vNext > -__builtin_inf())) {
        if (vNext >= peakE && vNext < __builtin_inf()) nextE[nNextE++] = j;
        else { Q[Q_DIV_STEP] = i; Q[Q_DIV_NEURON] = j; Q[Q_DIV_POP] = 0; P[D_VALUE] = vNext; status = 1; goto done; }
      }
      U[j] = u + dt * aE * (bE * (v - vrE) - u);
      if (inDelay) delayInputSum[j] += input;
      gbg[j] *= keepAmpa;
      sAmpaE[j] *= keepAmpa;
      sNmdaE[j] *= keepNmda;
    }
    for (int32_t j = Ne; j < N; j++) {
      const double v = V[j], u = U[j];
      const double iSyn = -(sAmpaI * (v - 0) + sNmdaI * (v - 0) * (1 / (1 + 0.4202 * expV[j])) +
                            sGabaaI * (v - -70.0) + sGababI * (v - -90.0));
      const double iBg = -gbg[j] * (v - 0);
      const double input = muI * (iBg + iSyn);
      const double vNext = v + (dt * (kI * (v - vrI) * (v - vtI) - u + input)) / CI;
      V[j] = vNext;
      if (!(vNext < peakI && vNext > -__builtin_inf())) {
        if (vNext >= peakI && vNext < __builtin_inf()) firedI[nNextI++] = j;
        else { Q[Q_DIV_STEP] = i; Q[Q_DIV_NEURON] = j - Ne; Q[Q_DIV_POP] = 1; P[D_VALUE] = vNext; status = 1; goto done; }
      }
      U[j] = u + dt * aI * (bI * (v - vrI) - u);
      if (inDelay) delayInputSum[j] += input;
      gbg[j] *= keepAmpa;
    }
    sGabaaE *= keepGabaa;
    sGababE *= keepGabab;
    sAmpaI *= keepAmpa;
    sNmdaI *= keepNmda;
    sGabaaI *= keepGabaa;
    sGababI *= keepGabab;
  }
done:
  P[S_GABAA_E] = sGabaaE; P[S_GABAB_E] = sGababE; P[S_AMPA_I] = sAmpaI; P[S_NMDA_I] = sNmdaI;
  P[S_GABAA_I] = sGabaaI; P[S_GABAB_I] = sGababI;
  Q[Q_N_NEXT_E] = nNextE; Q[Q_N_NEXT_I] = nNextI; Q[Q_N_SPIKES] = nSpikes;
  return status;
}

/*
 * numpy-identical input rows (src-shared/engine/inputs-exact.ts): for each neuron a pair of
 * MT19937 words (a, b) makes the uniform ((a>>5)*2^26 + (b>>6)) / 2^53, compared with the
 * neuron's threshold split as hi*2^26 + rem. Only a is tempered unless a>>5 == hi.
 */
static uint32_t *mt;      /* 624 untempered words */
static int32_t mt_index;  /* next word to use */

static uint32_t temper(uint32_t y) {
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

static void twist(void) {
  int32_t k = 0;
  uint32_t y;
  for (; k < 624 - 397; k++) {
    y = (mt[k] & 0x80000000u) | (mt[k + 1] & 0x7fffffffu);
    mt[k] = mt[k + 397] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
  }
  for (; k < 623; k++) {
    y = (mt[k] & 0x80000000u) | (mt[k + 1] & 0x7fffffffu);
    mt[k] = mt[k + 397 - 624] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
  }
  y = (mt[623] & 0x80000000u) | (mt[0] & 0x7fffffffu);
  mt[623] = mt[396] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
  mt_index = 0;
}

static uint32_t next_raw(void) {
  if (mt_index >= 624) twist();
  return mt[mt_index++];
}

void bind_rng(uint32_t *state, int32_t index) {
  mt = state;
  mt_index = index;
}

int32_t rng_index(void) { return mt_index; }

/*
 * Rows [row0, row1): writes the neurons with an input spike into out_cols and each row's end
 * (relative to out_cols) into out_ends; returns the number written.
 */
int32_t input_rows(int32_t row0, int32_t row1, int32_t N, int32_t stimStart, int32_t stimEnd,
                   const double *hiBg, const double *remBg, const double *hiSt, const double *remSt,
                   uint16_t *out_cols, uint32_t *out_ends) {
  int32_t count = 0;
  for (int32_t row = row0; row < row1; row++) {
    const int stim = row >= stimStart && row < stimEnd;
    const double *hi = stim ? hiSt : hiBg;
    const double *rem = stim ? remSt : remBg;
    for (int32_t j = 0; j < N; j++) {
      const double ah = (double)(temper(next_raw()) >> 5);
      const uint32_t b = next_raw();
      if (ah < hi[j]) out_cols[count++] = (uint16_t)j;
      else if (ah == hi[j] && (double)(temper(b) >> 6) < rem[j]) out_cols[count++] = (uint16_t)j;
    }
    out_ends[row - row0] = (uint32_t)count;
  }
  return count;
}
