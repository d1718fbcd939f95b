/*
 * The simulation step loop of src-shared/engine/simulate.ts, in C for WebAssembly. Same
 * expressions in the same order, IEEE double arithmetic (wasm has no fused multiply-add and
 * -ffast-math is off), and exp as V8's Math.exp computes it (fdlibm's __ieee754_exp, as in V8's
 * base/ieee754.cc), so the spikes are bit-identical to the TypeScript engine's; the engine tests
 * run both. Memory is laid out by the TypeScript side; there is no libc and no allocation.
 *
 * One source, two builds (node scripts/build-wasm.mjs, clang --target=wasm32 and lld): a scalar
 * one, and one with -msimd128 where the neuron update, its exp, the E->E row adds and the MT19937
 * twist and threshold test run on 128-bit vectors (two neurons per f64x2, four words per u32x4).
 * Every lane does exactly the scalar operations in the same order (wasm SIMD f64 arithmetic is
 * IEEE, with no fused multiply-add and no relaxed-simd), so both builds give the same doubles.
 * Rare lanes (an exp argument outside the fast range, a spike, a tie in the threshold test) are
 * handed to the scalar code. Build with -DKERNEL_PROFILE for per-phase timers (needs env.now).
 */
#include <stdint.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#ifdef KERNEL_PROFILE
extern double now(void);
static double prof[8], prof_last;
double *prof_ptr(void) { return prof; }
#define TICK(k) { double t_ = now(); prof[k] += t_ - prof_last; prof_last = t_; }
#define TICK_START() (prof_last = now())
#else
#define TICK(k)
#define TICK_START()
#endif

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
  /* |x| >= 708 (where fdlibm would need its k < -1021 scaling), NaN, infinities: Math.exp itself. */
  if (hx >= 0x40862000) return js_exp(x);
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

#ifdef __wasm_simd128__
#define F2 v128_t
#define SPLAT wasm_f64x2_splat
#define ADD wasm_f64x2_add
#define SUB wasm_f64x2_sub
#define MUL wasm_f64x2_mul
#define DIV wasm_f64x2_div
#define LOAD(p) wasm_v128_load(p)
#define STORE(p, x) wasm_v128_store(p, x)

/*
 * fdlibm_exp on two lanes, for the arguments the neuron update meets: 0.5*ln2 < |x| < 708 and
 * x != 1, where fdlibm's two reduction branches are one (k = trunc(x/ln2 +- 0.5) gives +-1
 * exactly where fdlibm takes k = +-1). Any other lane sends both lanes to the scalar code.
 */
static inline int exp_fast(F2 x) {
  const F2 ax = wasm_f64x2_abs(x);
  const F2 fast = wasm_v128_and(wasm_v128_and(wasm_f64x2_lt(ax, SPLAT(708.0)), wasm_f64x2_ge(ax, SPLAT(0x1.62e43p-2))),
                                wasm_f64x2_ne(x, SPLAT(1.0)));
  return wasm_i64x2_bitmask(fast) == 3;
}

static inline F2 exp_f64x2_fast(F2 x) {
  const F2 half = wasm_v128_or(wasm_v128_and(x, wasm_i64x2_splat(INT64_MIN)), SPLAT(0.5));
  const F2 k = wasm_f64x2_trunc(ADD(MUL(SPLAT(1.44269504088896338700e+00), x), half));
  const F2 hi = SUB(x, MUL(k, SPLAT(6.93147180369123816490e-01)));
  const F2 lo = MUL(k, SPLAT(1.90821492927058770002e-10));
  const F2 r = SUB(hi, lo);
  const F2 t = MUL(r, r);
  const F2 c = SUB(r, MUL(t, ADD(SPLAT(1.66666666666666019037e-01),
                      MUL(t, ADD(SPLAT(-2.77777777770155933842e-03),
                      MUL(t, ADD(SPLAT(6.61375632143793436117e-05),
                      MUL(t, ADD(SPLAT(-1.65339022054652515390e-06), MUL(t, SPLAT(4.13813679705723846039e-08)))))))))));
  const F2 y = SUB(SPLAT(1.0), SUB(SUB(lo, DIV(MUL(r, c), SUB(SPLAT(2.0), c))), hi));
  /* 2^k from k's bits: k + 1.5*2^52 holds k in its low bits; (k + 1023) << 52 is 2^k. */
  const F2 twopk = wasm_i64x2_shl(wasm_i64x2_sub(ADD(k, SPLAT(0x1.8p52)), wasm_i64x2_splat(0x4338000000000000LL - 1023)), 52);
  return MUL(y, twopk);
}

static F2 exp_f64x2(F2 x) {
  if (exp_fast(x)) return exp_f64x2_fast(x);
  return wasm_f64x2_make(fdlibm_exp(wasm_f64x2_extract_lane(x, 0)), fdlibm_exp(wasm_f64x2_extract_lane(x, 1)));
}
#endif

/* Parameter block P (doubles), filled by TypeScript; indices must match wasm-simulate.ts. */
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

/* After computing vNext of neuron j: records a spike, or reports a divergence and leaves. */
#define CHECK_SPIKE(vNext, peak, j, list, nList, divNeuron, pop)                                   \
  if (!((vNext) < (peak) && (vNext) > -__builtin_inf())) {                                          \
    if ((vNext) >= (peak) && (vNext) < __builtin_inf()) (list)[(nList)++] = (j);                   \
    else { Q[Q_DIV_STEP] = i; Q[Q_DIV_NEURON] = (divNeuron); Q[Q_DIV_POP] = (pop); P[D_VALUE] = (vNext); status = 1; goto done; } \
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
  const double dtaE = dt * aE, dtaI = dt * aI;
  double sGabaaE = P[S_GABAA_E], sGababE = P[S_GABAB_E], sAmpaI = P[S_AMPA_I], sNmdaI = P[S_NMDA_I];
  double sGabaaI = P[S_GABAA_I], sGababI = P[S_GABAB_I];
  int32_t nNextE = Q[Q_N_NEXT_E], nNextI = Q[Q_N_NEXT_I], nSpikes = Q[Q_N_SPIKES];
  int32_t status = 0;
#ifdef __wasm_simd128__
  const F2 gAmpa2 = SPLAT(gAmpa), gNmda2 = SPLAT(gNmda), keepAmpa2 = SPLAT(keepAmpa), keepNmda2 = SPLAT(keepNmda);
  const F2 zero2 = SPLAT(0.0), one2 = SPLAT(1.0), block2 = SPLAT(0.4202), m70 = SPLAT(-70.0), m90 = SPLAT(-90.0);
  const F2 dt2 = SPLAT(dt), muE2 = SPLAT(muE), muI2 = SPLAT(muI);
  const F2 kE2 = SPLAT(kE), vrE2 = SPLAT(vrE), vtE2 = SPLAT(vtE), CE2 = SPLAT(CE), bE2 = SPLAT(bE), dtaE2 = SPLAT(dtaE), peakE2 = SPLAT(peakE);
  const F2 kI2 = SPLAT(kI), vrI2 = SPLAT(vrI), vtI2 = SPLAT(vtI), CI2 = SPLAT(CI), bI2 = SPLAT(bI), dtaI2 = SPLAT(dtaI), peakI2 = SPLAT(peakI);
  const F2 ninf2 = SPLAT(-__builtin_inf());
#endif
  TICK_START();

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
    TICK(0)
    int32_t f = 0;
#ifdef __wasm_simd128__
    /* Two rows at a time: each target still adds row f, then row f+1, as the scalar loop does. */
    for (; f + 2 <= nFiredE; f += 2) {
      const double *r0 = W + (int64_t)firedE[f] * Ne, *r1 = W + (int64_t)firedE[f + 1] * Ne;
      int32_t post = 0;
      for (; post + 2 <= Ne; post += 2) {
        const F2 w0 = LOAD(r0 + post), w1 = LOAD(r1 + post);
        STORE(sAmpaE + post, ADD(ADD(LOAD(sAmpaE + post), MUL(gAmpa2, w0)), MUL(gAmpa2, w1)));
        STORE(sNmdaE + post, ADD(ADD(LOAD(sNmdaE + post), MUL(gNmda2, w0)), MUL(gNmda2, w1)));
      }
      for (; post < Ne; post++) {
        sAmpaE[post] += gAmpa * r0[post];
        sNmdaE[post] += gNmda * r0[post];
        sAmpaE[post] += gAmpa * r1[post];
        sNmdaE[post] += gNmda * r1[post];
      }
      sAmpaI += incAmpaI;
      sNmdaI += incNmdaI;
      sAmpaI += incAmpaI;
      sNmdaI += incNmdaI;
    }
#endif
    for (; f < nFiredE; f++) {
      const double *row = W + (int64_t)firedE[f] * Ne;
      for (int32_t post = 0; post < Ne; post++) {
        const double w = row[post];
        sAmpaE[post] += gAmpa * w;
        sNmdaE[post] += gNmda * w;
      }
      sAmpaI += incAmpaI;
      sNmdaI += incNmdaI;
    }
    for (int32_t g = 0; g < nFiredI; g++) {
      sGabaaE += incGabaaE;
      sGababE += incGababE;
      sGabaaI += incGabaaI;
      sGababI += incGababI;
    }
    TICK(1)
    for (uint32_t k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
      const int32_t j = cols[k];
      gbg[j] += j < Ne ? gEext : gIext;
    }
    TICK(2)
    int32_t j = 0;
#ifdef __wasm_simd128__
    for (; j + 4 <= N; j += 4) {
      const F2 x0 = MUL(SPLAT(0.062), LOAD(V + j)), x1 = MUL(SPLAT(0.062), LOAD(V + j + 2));
      if (exp_fast(x0) && exp_fast(x1)) {
        const F2 e0 = exp_f64x2_fast(x0), e1 = exp_f64x2_fast(x1);
        STORE(expV + j, e0);
        STORE(expV + j + 2, e1);
      } else {
        STORE(expV + j, exp_f64x2(x0));
        STORE(expV + j + 2, exp_f64x2(x1));
      }
    }
    for (; j + 2 <= N; j += 2) STORE(expV + j, exp_f64x2(MUL(SPLAT(0.062), LOAD(V + j))));
#endif
    for (; j < N; j++) expV[j] = fdlibm_exp(0.062 * V[j]);
    TICK(3)
    const int inDelay = i >= delayStart;
    j = 0;
#ifdef __wasm_simd128__
    {
      const F2 gabaa = SPLAT(sGabaaE), gabab = SPLAT(sGababE);
      for (; j + 2 <= Ne; j += 2) {
        const F2 v = LOAD(V + j), u = LOAD(U + j), v0 = SUB(v, zero2);
        const F2 b = DIV(one2, ADD(one2, MUL(block2, LOAD(expV + j))));
        const F2 iSyn = wasm_f64x2_neg(ADD(ADD(ADD(MUL(LOAD(sAmpaE + j), v0), MUL(MUL(LOAD(sNmdaE + j), v0), b)),
                                              MUL(gabaa, SUB(v, m70))), MUL(gabab, SUB(v, m90))));
        const F2 iBg = MUL(wasm_f64x2_neg(LOAD(gbg + j)), v0);
        const F2 input = MUL(muE2, ADD(iBg, iSyn));
        const F2 vrd = SUB(v, vrE2);
        const F2 vNext = ADD(v, DIV(MUL(dt2, ADD(SUB(MUL(MUL(kE2, vrd), SUB(v, vtE2)), u), input)), CE2));
        STORE(V + j, vNext);
        if (wasm_i64x2_bitmask(wasm_v128_and(wasm_f64x2_lt(vNext, peakE2), wasm_f64x2_gt(vNext, ninf2))) != 3) {
          const double v0n = wasm_f64x2_extract_lane(vNext, 0), v1n = wasm_f64x2_extract_lane(vNext, 1);
          CHECK_SPIKE(v0n, peakE, j, nextE, nNextE, j, 0)
          CHECK_SPIKE(v1n, peakE, j + 1, nextE, nNextE, j + 1, 0)
        }
        STORE(U + j, ADD(u, MUL(dtaE2, SUB(MUL(bE2, vrd), u))));
        if (inDelay) STORE(delayInputSum + j, ADD(LOAD(delayInputSum + j), input));
        STORE(gbg + j, MUL(LOAD(gbg + j), keepAmpa2));
        STORE(sAmpaE + j, MUL(LOAD(sAmpaE + j), keepAmpa2));
        STORE(sNmdaE + j, MUL(LOAD(sNmdaE + j), keepNmda2));
      }
    }
#endif
    for (; j < Ne; j++) {
      const double v = V[j], u = U[j];
      const double iSyn = -(sAmpaE[j] * (v - 0) + sNmdaE[j] * (v - 0) * (1 / (1 + 0.4202 * expV[j])) +
                            sGabaaE * (v - -70.0) + sGababE * (v - -90.0));
      const double iBg = -gbg[j] * (v - 0);
      const double input = muE * (iBg + iSyn);
      const double vNext = v + (dt * (kE * (v - vrE) * (v - vtE) - u + input)) / CE;
      V[j] = vNext;
      CHECK_SPIKE(vNext, peakE, j, nextE, nNextE, j, 0)
      U[j] = u + dtaE * (bE * (v - vrE) - u);
      if (inDelay) delayInputSum[j] += input;
      gbg[j] *= keepAmpa;
      sAmpaE[j] *= keepAmpa;
      sNmdaE[j] *= keepNmda;
    }
    TICK(4)
#ifdef __wasm_simd128__
    {
      const F2 ampa = SPLAT(sAmpaI), nmda = SPLAT(sNmdaI), gabaa = SPLAT(sGabaaI), gabab = SPLAT(sGababI);
      for (; j + 2 <= N; j += 2) {
        const F2 v = LOAD(V + j), u = LOAD(U + j), v0 = SUB(v, zero2);
        const F2 b = DIV(one2, ADD(one2, MUL(block2, LOAD(expV + j))));
        const F2 iSyn = wasm_f64x2_neg(ADD(ADD(ADD(MUL(ampa, v0), MUL(MUL(nmda, v0), b)), MUL(gabaa, SUB(v, m70))), MUL(gabab, SUB(v, m90))));
        const F2 iBg = MUL(wasm_f64x2_neg(LOAD(gbg + j)), v0);
        const F2 input = MUL(muI2, ADD(iBg, iSyn));
        const F2 vrd = SUB(v, vrI2);
        const F2 vNext = ADD(v, DIV(MUL(dt2, ADD(SUB(MUL(MUL(kI2, vrd), SUB(v, vtI2)), u), input)), CI2));
        STORE(V + j, vNext);
        if (wasm_i64x2_bitmask(wasm_v128_and(wasm_f64x2_lt(vNext, peakI2), wasm_f64x2_gt(vNext, ninf2))) != 3) {
          const double v0n = wasm_f64x2_extract_lane(vNext, 0), v1n = wasm_f64x2_extract_lane(vNext, 1);
          CHECK_SPIKE(v0n, peakI, j, firedI, nNextI, j - Ne, 1)
          CHECK_SPIKE(v1n, peakI, j + 1, firedI, nNextI, j + 1 - Ne, 1)
        }
        STORE(U + j, ADD(u, MUL(dtaI2, SUB(MUL(bI2, vrd), u))));
        if (inDelay) STORE(delayInputSum + j, ADD(LOAD(delayInputSum + j), input));
        STORE(gbg + j, MUL(LOAD(gbg + j), keepAmpa2));
      }
    }
#endif
    for (; j < N; j++) {
      const double v = V[j], u = U[j];
      const double iSyn = -(sAmpaI * (v - 0) + sNmdaI * (v - 0) * (1 / (1 + 0.4202 * expV[j])) +
                            sGabaaI * (v - -70.0) + sGababI * (v - -90.0));
      const double iBg = -gbg[j] * (v - 0);
      const double input = muI * (iBg + iSyn);
      const double vNext = v + (dt * (kI * (v - vrI) * (v - vtI) - u + input)) / CI;
      V[j] = vNext;
      CHECK_SPIKE(vNext, peakI, j, firedI, nNextI, j - Ne, 1)
      U[j] = u + dtaI * (bI * (v - vrI) - u);
      if (inDelay) delayInputSum[j] += input;
      gbg[j] *= keepAmpa;
    }
    TICK(5)
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
 * neuron's threshold split as hi*2^26 + rem (hi clamped to [-1, 2^27] by the caller, so an
 * int32 compare is exact). Only a is tempered unless a>>5 == hi.
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

#define TWIST_ONE(k, m)                                                                  \
  {                                                                                      \
    const uint32_t y = (mt[k] & 0x80000000u) | (mt[(k) + 1] & 0x7fffffffu);              \
    mt[k] = mt[m] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);                          \
  }

#ifdef __wasm_simd128__
/* Four words at once: the dependency distances (227 and 397) are both at least 4. */
#define TWIST_FOUR(k, m)                                                                                   \
  {                                                                                                        \
    const v128_t y = wasm_v128_or(wasm_v128_and(wasm_v128_load(mt + (k)), wasm_u32x4_splat(0x80000000u)),  \
                                  wasm_v128_and(wasm_v128_load(mt + (k) + 1), wasm_u32x4_splat(0x7fffffffu))); \
    const v128_t mag = wasm_v128_and(wasm_i32x4_neg(wasm_v128_and(y, wasm_u32x4_splat(1u))), wasm_u32x4_splat(0x9908b0dfu)); \
    wasm_v128_store(mt + (k), wasm_v128_xor(wasm_v128_xor(wasm_v128_load(mt + (m)), wasm_u32x4_shr(y, 1)), mag)); \
  }

static v128_t temper4(v128_t y) {
  y = wasm_v128_xor(y, wasm_u32x4_shr(y, 11));
  y = wasm_v128_xor(y, wasm_v128_and(wasm_i32x4_shl(y, 7), wasm_u32x4_splat(0x9d2c5680u)));
  y = wasm_v128_xor(y, wasm_v128_and(wasm_i32x4_shl(y, 15), wasm_u32x4_splat(0xefc60000u)));
  return wasm_v128_xor(y, wasm_u32x4_shr(y, 18));
}
#endif

static void twist(void) {
  int32_t k = 0;
#ifdef __wasm_simd128__
  for (; k + 4 <= 624 - 397; k += 4) TWIST_FOUR(k, k + 397)
#endif
  for (; k < 624 - 397; k++) TWIST_ONE(k, k + 397)
#ifdef __wasm_simd128__
  for (; k + 4 <= 623; k += 4) TWIST_FOUR(k, k + 397 - 624)
#endif
  for (; k < 623; k++) TWIST_ONE(k, k + 397 - 624)
  const uint32_t y = (mt[623] & 0x80000000u) | (mt[0] & 0x7fffffffu);
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
                   const int32_t *hiBg, const double *remBg, const int32_t *hiSt, const double *remSt,
                   uint16_t *out_cols, uint32_t *out_ends) {
  int32_t count = 0;
  for (int32_t row = row0; row < row1; row++) {
    const int stim = row >= stimStart && row < stimEnd;
    const int32_t *hi = stim ? hiSt : hiBg;
    const double *rem = stim ? remSt : remBg;
    int32_t j = 0;
    while (j < N) {
#ifdef __wasm_simd128__
      /* Four neurons from eight words in the buffer: tempering and the test of a, on four lanes. */
      if (j + 4 <= N && mt_index + 8 <= 624) {
        const uint32_t *w = mt + mt_index;
        const v128_t a = wasm_i32x4_shuffle(wasm_v128_load(w), wasm_v128_load(w + 4), 0, 2, 4, 6);
        const v128_t ah = wasm_u32x4_shr(temper4(a), 5);
        const v128_t h = wasm_v128_load(hi + j);
        const v128_t lt = wasm_i32x4_lt(ah, h);
        const uint32_t hit = wasm_i32x4_bitmask(wasm_v128_or(lt, wasm_i32x4_eq(ah, h)));
        if (hit) {
          const uint32_t below = wasm_i32x4_bitmask(lt);
          for (int32_t lane = 0; lane < 4; lane++) {
            if (!((hit >> lane) & 1)) continue;
            if (((below >> lane) & 1) || (double)(temper(w[2 * lane + 1]) >> 6) < rem[j + lane])
              out_cols[count++] = (uint16_t)(j + lane);
          }
        }
        mt_index += 8;
        j += 4;
        continue;
      }
#endif
      const int32_t ah = (int32_t)(temper(next_raw()) >> 5);
      const uint32_t b = next_raw();
      if (ah < hi[j]) out_cols[count++] = (uint16_t)j;
      else if (ah == hi[j] && (double)(temper(b) >> 6) < rem[j]) out_cols[count++] = (uint16_t)j;
      j++;
    }
    out_ends[row - row0] = (uint32_t)count;
  }
  return count;
}
