"""
The workbench's network (docs/MODEL.md) written for Brian2, to time Brian2's C++ standalone
run loop side by side with the workbench (`npm run bench -- --brian`). Our own port, not the
reference's code: Izhikevich neurons integrated by forward Euler, conductances carried per
postsynaptic neuron (exact for this model, MODEL.md "carried forward"), and the reference's
numpy-identical external input (np.random.seed(42), the whole n x N matrix drawn row by row)
fed through a SpikeGeneratorGroup scheduled before the neuron update, so an input at step i
acts on step i as in MODEL.md. Brian2 records a spike one step earlier than the workbench
(its threshold follows the update); counts are comparable, spike times are not bit-identical
(Brian2 has its own exp and order of sums).

    /usr/bin/python3 scripts/brian2_model.py DIR [mu_exc mu_inh [seconds]]

generates and compiles the C++ project in DIR, runs it once and prints, as JSON on the last line:
compile_s (make), run_loop_ms (Brian2's own timing of network.run, from
results/last_run_info.txt), spikes, and the directory; `DIR/main` can then be run again (from
DIR) and DIR/results/last_run_info.txt read for more repetitions.
"""
import json
import sys

import numpy as np


def external_input(N, Ne, n, seconds, dt, orientation=100, seed=42):
    """(indices, steps) of the input spikes, drawn as the reference draws them."""
    v_e, v_i, A, eta = 0.001, 0.012, 100, 1000
    theta = np.array([i / Ne * 360 for i in range(Ne)])
    rate_bg = np.append(v_e * np.ones(Ne), v_i * np.ones(N - Ne))
    rate_st = rate_bg.copy()
    rate_st[:Ne] = v_e * (1 + A * np.exp(eta * (np.cos(np.deg2rad(theta) - np.deg2rad(orientation)) - 1)))
    s_on, s_off = int(1 * n / seconds), int(1.25 * n / seconds)
    np.random.seed(seed)
    steps, indices = [], []
    chunk = 5000  # rows at a time: the same stream as one n x N draw, in less memory
    for r0 in range(0, n, chunk):
        rows = min(chunk, n - r0)
        u = np.random.rand(rows, N)
        row = np.arange(r0, r0 + rows)[:, None]
        rate = np.where((row >= s_on) & (row < s_off), rate_st[None, :], rate_bg[None, :])
        s, j = np.nonzero(u < rate * dt)
        steps.append(s + r0)
        indices.append(j)
    return np.concatenate(indices), np.concatenate(steps)


def main():
    directory = sys.argv[1]
    mu_exc = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    mu_inh = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0

    import brian2 as b2
    from brian2 import ms

    b2.set_device('cpp_standalone', directory=directory, build_on_run=False)
    b2.prefs.logging.console_log_level = 'WARNING'
    Ne, Ni = 360, 90
    N = Ne + Ni
    dt_ms = 0.1
    n = int(round(seconds * 1000 / dt_ms))
    b2.defaultclock.dt = dt_ms * ms

    eqs = '''
    dv/dt = (k*(v - vr)*(v - vt) - u + mu*(I_bg + I_syn))/C/ms : 1
    du/dt = a*(b*(v - vr) - u)/ms : 1
    I_syn = -(s_ampa*v + s_nmda*v/(1 + 0.4202*exp(0.062*v)) + s_gabaa*(v + 70) + s_gabab*(v + 90)) : 1
    I_bg = -g_bg*v : 1
    ds_ampa/dt = -s_ampa/(5*ms) : 1
    ds_nmda/dt = -s_nmda/(100*ms) : 1
    ds_gabaa/dt = -s_gabaa/(6*ms) : 1
    ds_gabab/dt = -s_gabab/(150*ms) : 1
    dg_bg/dt = -g_bg/(5*ms) : 1
    k : 1 (constant)
    vr : 1 (constant)
    vt : 1 (constant)
    C : 1 (constant)
    a : 1 (constant)
    b : 1 (constant)
    c : 1 (constant)
    d : 1 (constant)
    v_peak : 1 (constant)
    mu : 1 (constant)
    '''
    groups = {}
    for name, size, p, mu in (('E', Ne, dict(C=100, k=3, vr=-60, vt=-50, v_peak=50, a=0.01, b=5, c=-60, d=400), mu_exc),
                              ('I', Ni, dict(C=20, k=1, vr=-55, vt=-40, v_peak=25, a=0.15, b=8, c=-55, d=200), mu_inh)):
        g = b2.NeuronGroup(size, eqs, threshold='v >= v_peak', reset='v = c; u += d', method='euler', name=name)
        for key, value in p.items():
            setattr(g, key, value)
        g.mu = mu
        g.v = p['vr']
        g.u = 0
        groups[name] = g
    E, I = groups['E'], groups['I']

    sigma, j_ee, j_ei, j_ie, j_ii = 14.4, 1, 0.3, 0.25, 0.55
    theta = np.array([i / Ne * 360 for i in range(Ne)])
    diff = np.abs(theta[:, None] - theta[None, :])
    dist = np.minimum(diff, 360 - diff)
    w_ee = j_ee * np.exp(-dist ** 2 / sigma ** 2)
    ee = b2.Synapses(E, E, 'w : 1 (constant)', on_pre='s_ampa_post += 0.45*w\ns_nmda_post += 0.4*w')
    pre, post = np.meshgrid(np.arange(Ne), np.arange(Ne), indexing='ij')
    ee.connect(i=pre.ravel(), j=post.ravel())
    ee.w = w_ee.ravel()
    ei = b2.Synapses(E, I, on_pre=f's_ampa_post += {0.45 * j_ei!r}\ns_nmda_post += {0.4 * j_ei!r}')
    ei.connect()
    ie = b2.Synapses(I, E, on_pre=f's_gabaa_post += {0.3 * j_ie!r}\ns_gabab_post += {0.05 * j_ie!r}')
    ie.connect()
    ii = b2.Synapses(I, I, on_pre=f's_gabaa_post += {0.3 * j_ii!r}\ns_gabab_post += {0.05 * j_ii!r}')
    ii.connect()

    indices, steps = external_input(N, Ne, n, seconds, dt_ms)
    # Emitted and delivered at the start of step i, before the update that uses them.
    gen = b2.SpikeGeneratorGroup(N, indices, steps * dt_ms * ms, when='start', order=0)
    to_e = b2.Synapses(gen, E, on_pre='g_bg_post += 20')
    to_e.connect(i=np.arange(Ne), j=np.arange(Ne))
    to_i = b2.Synapses(gen, I, on_pre='g_bg_post += 7')
    to_i.connect(i=np.arange(Ne, N), j=np.arange(Ni))
    for s in (to_e, to_i):
        s.pre.when = 'start'
        s.pre.order = 1
    mon_e, mon_i = b2.SpikeMonitor(E), b2.SpikeMonitor(I)

    b2.run((n - 1) * dt_ms * ms)
    b2.device.build(directory=directory, compile=True, run=True, with_output=False)
    print(json.dumps({
        'directory': directory,
        'brian2': b2.__version__,
        'compile_s': b2.device.timers['compile']['make'],
        'run_loop_ms': b2.device._last_run_time * 1000,
        'spikes': int(mon_e.num_spikes + mon_i.num_spikes),
        'input_spikes': int(len(indices)),
    }))


if __name__ == '__main__':
    main()
