"""Reference values for the long-queue Erlang A test (Mutation/StaffingErlangMutationTests.cs), computed
independently of the C# implementation.

1,000 agents, 11,000 contacts per 30 minutes at AHT 180 s (A = 1,100 Erlangs), mean patience 1,800 s,
threshold 100 s: the queue of the M/M/N+M chain peaks near (A - N) mu / theta = 1,000 waiting contacts.
The stationary distribution is summed in 60-digit arithmetic (mpmath) with plain powers, factorials and products
(erlang_a_reference.queue_distribution), to 4,000 queue states (the terms there are below 1e-130 of the peak).
For a contact that finds k waiting, its virtual wait V is a sum of exponential stages with rates N mu + j theta,
j = 0..k, and U = e^(-theta V) is Beta(s, k+1) with s = N mu / theta (ErlangA remarks), so P(V > T | k) is the
regularized incomplete beta function I_x(s, k+1) at x = e^(-theta T); with an integer second argument it is the
distribution function P(J <= k) of a negative binomial J of size s and success probability x, and the served-
and-late probability is P(served | k) I_x(s+1, k+1). Those distribution functions are summed here from their
terms in 60 digits, without the rescaling, truncation and expm1 of the library (mpmath.betainc does not converge
at s = 10,000); the identity itself is checked against partial fractions by erlang_a_reference.py. Run: python3
erlang_a_long_queue_reference.py (mpmath 1.3).
"""
from mpmath import mp, mpf, exp, nstr

from erlang_a_reference import queue_distribution

mp.dps = 60


def erlang_a_long_queue(n, lam, mu, theta, t, queue_states):
    a = lam / mu
    pi_q = queue_distribution(n, lam, mu, theta, queue_states)
    s = n * mu / theta
    x = exp(-theta * t)
    p_wait = sum(pi_q)
    p_ab = served_total = served_late = late_all = wait_served = mean_queue = mpf(0)
    harmonic = mpf(0)
    term, term_served = x ** s, x ** (s + 1)  # P(J = 0), P(J' = 0)
    cdf, cdf_served = term, term_served
    for k, p in enumerate(pi_q):
        if k > 0:
            term *= (s + k - 1) / k * (1 - x)
            term_served *= (s + k) / k * (1 - x)
            cdf += term
            cdf_served += term_served
        harmonic += 1 / (n * mu + (k + 1) * theta)
        p_served = n * mu / (n * mu + (k + 1) * theta)
        mean_queue += k * p
        served_total += p * p_served
        p_ab += p * (1 - p_served)
        wait_served += p * p_served * harmonic
        late_all += p * x * cdf
        served_late += p * p_served * cdf_served
    p_served_all = 1 - p_wait + served_total
    return {
        "P(wait)": p_wait,
        "P(abandon)": p_ab,
        "mean wait all (s)": mean_queue / lam,
        "mean wait of delayed (s)": mean_queue / lam / p_wait,
        "ASA answered (s)": wait_served / p_served_all,
        "SL answered within / offered": 1 - p_wait + served_total - served_late,
        "SL answered within / answered": (1 - p_wait + served_total - served_late) / p_served_all,
        "SL P(W <= t)": 1 - late_all,
        "occupancy": a * p_served_all / n,
    }


if __name__ == "__main__":
    # T = 100 s, and T = 82.9 s, where (N mu + theta) T = 460.6 is just above ln(1e200) = 460.5: the library's sums
    # of the served-and-late distribution function pass 1e200 (and are rescaled) while it is still about 0.6.
    for t in ("100", "82.9"):
        print(f"T = {t} s")
        values = erlang_a_long_queue(1000, mpf(11000) / 1800, mpf(1) / 180, mpf(1) / 1800, mpf(t), 4000)
        for key, value in values.items():
            print(f"  {key:32s} {nstr(value, 17)}")
