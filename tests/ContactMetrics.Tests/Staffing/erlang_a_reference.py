"""Reference values for ErlangATests, computed independently of the C# implementation.

The M/M/N+M chain is summed directly in 200-digit arithmetic (mpmath), with factorials and plain
products, far past the point where the tail matters. The waiting time of a contact that finds k
waiting is the sum of exponential stages with rates N mu + j theta, j = 0..k; here its density is
taken from the partial-fraction (hypoexponential) form sum_i c_i r_i e^(-r_i s), not from the
negative binomial / incomplete beta identity the library uses, so the two derivations check each
other. Run: python3 erlang_a_reference.py   (mpmath 1.3).
"""
from mpmath import mp, mpf, exp, factorial, e

mp.dps = 200


def queue_distribution(n, lam, mu, theta, queue_states):
    """P(an arrival finds N + k in the system), k = 0..queue_states."""
    # unnormalized stationary probabilities: A^j / j! for j <= N, then products lam / (N mu + k theta)
    a = lam / mu
    low = [a ** j / factorial(j) for j in range(n + 1)]
    queue = [low[n]]
    for k in range(1, queue_states + 1):
        queue.append(queue[-1] * lam / (n * mu + k * theta))
    z = sum(low[:n]) + sum(queue)
    return [q / z for q in queue]


def erlang_a(n, lam, mu, theta, t, queue_states=150):
    a = lam / mu
    pi_q = queue_distribution(n, lam, mu, theta, queue_states)

    p_wait = sum(pi_q)
    p_ab = served_within = late_all = wait_served = served_total = 0
    mean_queue = sum(k * p for k, p in enumerate(pi_q))
    for k, p in enumerate(pi_q):
        rates = [n * mu + j * theta for j in range(k + 1)]
        coef = []
        for i, ri in enumerate(rates):
            c = mpf(1)
            for j, rj in enumerate(rates):
                if j != i:
                    c *= rj / (rj - ri)
            coef.append(c)
        # V ~ hypoexponential(rates); patience tau ~ Exp(theta); W = min(V, tau); served iff V < tau
        p_served = sum(c * r / (r + theta) for c, r in zip(coef, rates))
        p_served_late = sum(c * r / (r + theta) * exp(-(r + theta) * t) for c, r in zip(coef, rates))
        p_v_late = sum(c * exp(-r * t) for c, r in zip(coef, rates))
        e_w_served = sum(c * r / (r + theta) ** 2 for c, r in zip(coef, rates))
        served_total += p * p_served
        p_ab += p * (1 - p_served)
        served_within += p * (p_served - p_served_late)
        late_all += p * exp(-theta * t) * p_v_late
        wait_served += p * e_w_served
    p_served_all = 1 - p_wait + served_total
    return {
        "P(wait)": p_wait,
        "P(abandon)": p_ab,
        "mean wait all (s)": mean_queue / lam,
        "ASA answered (s)": wait_served / p_served_all,
        "SL answered within / offered": 1 - p_wait + served_within,
        "SL answered within / answered": (1 - p_wait + served_within) / p_served_all,
        "SL P(W <= t)": 1 - late_all,
        "occupancy": a * p_served_all / n,
        "theta * mean wait": theta * mean_queue / lam,
    }


def show(title, values):
    print(title)
    for key, value in values.items():
        print(f"  {key:32s} {mp.nstr(value, 15)}")


if __name__ == "__main__":
    # 100 contacts per 30 minutes, AHT 180 s (A = 10 Erlangs), mean patience 120 s, threshold 20 s
    lam, mu, theta = mpf(100) / 1800, mpf(1) / 180, mpf(1) / 120
    for n in (8, 10, 11, 12, 14):
        show(f"N = {n}, A = 10, patience 120 s, T = 20 s", erlang_a(n, lam, mu, theta, mpf(20)))
    # one agent, lambda = mu = theta = 1/60 s: hand results P(wait) = 1 - 1/e, P(abandon) = 1/e
    show("N = 1, lambda = mu = theta = 1/60 s, T = 30 s",
         erlang_a(1, mpf(1) / 60, mpf(1) / 60, mpf(1) / 60, mpf(30), queue_states=120))
    print("  1 - 1/e =", mp.nstr(1 - 1 / e, 15), " 1/e =", mp.nstr(1 / e, 15))
