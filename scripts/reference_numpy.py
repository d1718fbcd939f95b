"""
A numpy re-implementation of the reference study's simulation loop, written in the reference's
own style (dense (Ne+Ni)^2 weights, the whole input matrix drawn up front, one dense product per
receptor per step), following ../shared/MODEL.md. Used only by `npm run bench -- --numpy` to time
the reference approach side by side with the workbench on the same machine; it prints the run
time and the spike count as JSON on the last line.
"""
import json
import sys
import time

import numpy as np


def run(mu_exc=1.0, mu_inh=1.0, seed=42, orientation=100, seconds=5):
    Ne, Ni = 360, 90
    N = Ne + Ni
    dt = 0.1
    n = int(seconds * 1000 / dt)
    RS = dict(C=100, k=3, v_r=-60, v_t=-50, v_peak=50, a=0.01, b=5, c=-60, d=400, v=-60, u=0)
    FS = dict(C=20, k=1, v_r=-55, v_t=-40, v_peak=25, a=0.15, b=8, c=-55, d=200, v=-55, u=0)
    tau = dict(ampa=5, nmda=100, gabaa=6, gabab=150)
    ginc = dict(ampa=0.45, nmda=0.4, gabaa=0.3, gabab=0.05)
    sigma, j_ee, j_ei, j_ie, j_ii = 14.4, 1, 0.3, 0.25, 0.55
    v_e, v_i, g_e_ext, g_i_ext = 0.001, 0.012, 20, 7
    A, eta = 100, 1000

    W = np.zeros((N, N))
    for i in range(Ne):
        for j in range(Ne):
            ai, aj = i / Ne * 360, j / Ne * 360
            d = min(max(ai, aj) - min(ai, aj), 360 - (max(ai, aj) - min(ai, aj)))
            W[i, j] = j_ee * np.exp(-d ** 2 / sigma ** 2)
    W[:Ne, Ne:] = j_ei
    W[Ne:, :Ne] = j_ie
    W[Ne:, Ne:] = j_ii

    rate = np.zeros((n, N))
    rate[:, :Ne] = v_e
    rate[:, Ne:] = v_i
    s_on, s_off = int(1 * n / seconds), int(1.25 * n / seconds)
    for i in range(Ne):
        rate[s_on:s_off, i] = v_e * (1 + A * np.exp(eta * (np.cos(np.deg2rad(i / Ne * 360) - np.deg2rad(orientation)) - 1)))
    np.random.seed(seed)
    ext = np.random.rand(n, N) < rate * dt

    pop = lambda key: np.append(RS[key] * np.ones(Ne), FS[key] * np.ones(Ni))
    C, k, vr, vt, vpeak, a, b, c, dd = (pop(x) for x in ('C', 'k', 'v_r', 'v_t', 'v_peak', 'a', 'b', 'c', 'd'))
    mu = np.append(mu_exc * np.ones(Ne), mu_inh * np.ones(Ni))
    v = np.zeros((n, N))
    u = np.zeros((n, N))
    v[0], u[0] = pop('v'), pop('u')
    g = {r: np.zeros(N) for r in tau}
    gbg = np.zeros(N)
    gext = np.append(g_e_ext * np.ones(Ne), g_i_ext * np.ones(Ni))
    firings = np.zeros((n, N))
    exc = np.arange(N) < Ne
    for i in range(n - 1):
        fired = v[i] >= vpeak
        firings[i] = fired
        v[i, fired] = c[fired]
        u[i, fired] += dd[fired]
        g['ampa'] += ginc['ampa'] * (fired & exc)
        g['nmda'] += ginc['nmda'] * (fired & exc)
        g['gabaa'] += ginc['gabaa'] * (fired & ~exc)
        g['gabab'] += ginc['gabab'] * (fired & ~exc)
        gbg += gext * ext[i]
        x = v[i]
        S = {r: g[r] @ W for r in g}
        I_syn = -(S['ampa'] * (x - 0) + S['nmda'] * (x - 0) / (1 + 0.4202 * np.exp(0.062 * x)) + S['gabaa'] * (x + 70) + S['gabab'] * (x + 90))
        I_bg = -gbg * (x - 0)
        v[i + 1] = x + dt * (k * (x - vr) * (x - vt) - u[i] + mu * (I_bg + I_syn)) / C
        u[i + 1] = u[i] + dt * a * (b * (x - vr) - u[i])
        for r in g:
            g[r] = g[r] - dt * g[r] / tau[r]
        gbg = gbg - dt * gbg / tau['ampa']
    return firings


if __name__ == '__main__':
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5
    t = time.perf_counter()
    f = run(seconds=seconds)
    elapsed = time.perf_counter() - t
    steps, neurons = np.nonzero(f)
    first = [[int(s), int(j)] for s, j in zip(steps, neurons) if s < 3000]
    print(json.dumps({'seconds': elapsed, 'spikes': int(f.sum()), 'first300ms': first}))
