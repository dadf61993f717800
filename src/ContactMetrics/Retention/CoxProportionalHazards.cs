using System.Collections.Immutable;
using ContactMetrics.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace ContactMetrics.Retention;

/// <summary>
/// The Cox proportional hazards model h(t | x) = h0_s(t) exp(x' beta), fitted by Newton-Raphson on the partial
/// likelihood, with Efron or Breslow ties, optional strata s and counting-process (start, stop] data.
/// </summary>
/// <remarks>
/// <para>Cox (1972), "Regression models and life-tables", JRSS B 34(2). Partial likelihood with ties: Breslow (1974),
/// Biometrics 30(1); Efron (1977), "The efficiency of Cox's likelihood function for censored data", JASA 72(359). At
/// an event time with d events, risk-set sums S0 = sum r_i, S1 = sum r_i x_i, S2 = sum r_i x_i x_i' (r_i = exp(x_i' beta))
/// and the same sums D0, D1, D2 over the d events, Efron's log-likelihood term is
/// sum_events x_i' beta - sum_{l=0}^{d-1} log(S0 - (l/d) D0), with score and information from s1/s0 and
/// s2/s0 - (s1/s0)(s1/s0)' at each l (Therneau &amp; Grambsch 2000, "Modeling survival data", section 3.3); Breslow's
/// uses l/d = 0 throughout.</para>
/// <para>The rows are sorted once per stratum by stop time (and, for counting-process data, by start time); each
/// iteration walks the stop times from the largest down, adding rows to the sums as they enter the risk set and
/// subtracting those whose start is at or after the current time, so an iteration costs O(n p^2). Covariates are
/// centered at their means, which leaves the likelihood unchanged and keeps exp(x' beta) in range.</para>
/// <para>Iteration as R's <c>coxph</c> (survival package): start at beta = 0, Newton steps, convergence when
/// |1 - l_old / l_new| &lt;= tolerance; when the log-likelihood decreases the step is halved. Standard errors are the
/// square roots of the diagonal of the inverse information at the estimate; the score test is evaluated at beta = 0.</para>
/// </remarks>
public static class CoxProportionalHazards
{
    private const int MaxHalvings = 30;

    /// <summary>Fits the model with the default options (Efron ties).</summary>
    /// <param name="table">The survival data with at least one covariate; strata are used when present.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException">The table has no covariates or no events, or a covariate is constant.</exception>
    /// <exception cref="ModelFitException">The iteration did not converge (e.g. a coefficient tends to infinity, or the information is singular).</exception>
    public static CoxFit Fit(SurvivalTable table) => Fit(table, CoxOptions.Default);

    /// <summary>Fits the model.</summary>
    /// <param name="table">The survival data with at least one covariate; strata are used when present.</param>
    /// <param name="options">Ties, iteration budget, tolerance and interval level.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The table has no covariates or no events, or a covariate is constant.</exception>
    /// <exception cref="ModelFitException">The iteration did not converge.</exception>
    public static CoxFit Fit(SurvivalTable table, CoxOptions options) =>
        TryFit(table, options, out var fit) ? fit : throw new ModelFitException("Cox", fit.Diagnostics);

    /// <summary>Fits the model with the default options without throwing when the iteration does not converge.</summary>
    /// <param name="table">The survival data.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException">The table has no covariates or no events, or a covariate is constant.</exception>
    public static bool TryFit(SurvivalTable table, out CoxFit fit) => TryFit(table, CoxOptions.Default, out fit);

    /// <summary>Fits the model without throwing when the iteration does not converge.</summary>
    /// <param name="table">The survival data.</param>
    /// <param name="options">Ties, iteration budget, tolerance and interval level.</param>
    /// <param name="fit">
    /// The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics (standard errors are
    /// NaN if the information matrix is not positive definite there).
    /// </param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The table has no covariates or no events, or a covariate is constant.</exception>
    public static bool TryFit(SurvivalTable table, CoxOptions options, out CoxFit fit)
    {
        Preconditions.CheckNotNull(table);
        Preconditions.CheckNotNull(options);
        var data = new CoxData(table);
        int p = data.P;

        var beta = new double[p];
        options.CancellationToken.ThrowIfCancellationRequested();
        var state = data.Evaluate(beta, options.Ties);
        double nullLogLikelihood = state.LogLikelihood;
        var scoreTest = ChiSquareTest.Of(QuadraticForm(state), p);

        int iterations = 0, halvings = 0;
        bool converged = false;
        double maxStep = 0;
        string message = "iteration budget exhausted";
        var step = Solve(state.Information, state.Score, p);
        if (step is null)
        {
            message = "the information matrix at beta = 0 is not positive definite (collinear covariates?)";
        }
        while (step is not null && iterations < options.MaxIterations)
        {
            iterations++;
            var candidate = new double[p];
            for (int j = 0; j < p; j++)
            {
                candidate[j] = beta[j] + step[j];
            }
            options.CancellationToken.ThrowIfCancellationRequested();
            var next = data.Evaluate(candidate, options.Ties);
            maxStep = step.Max(Math.Abs);
            if (double.IsFinite(next.LogLikelihood) && Math.Abs(1 - (state.LogLikelihood / next.LogLikelihood)) <= options.Tolerance)
            {
                beta = candidate;
                state = next;
                converged = true;
                message = "relative change of the log partial likelihood within tolerance";
                break;
            }
            if (!double.IsFinite(next.LogLikelihood) || next.LogLikelihood < state.LogLikelihood)
            {
                if (++halvings > MaxHalvings)
                {
                    message = "the log partial likelihood did not increase along the Newton direction";
                    break;
                }
                for (int j = 0; j < p; j++)
                {
                    step[j] /= 2;
                }
                continue;
            }
            beta = candidate;
            state = next;
            step = Solve(state.Information, state.Score, p);
            if (step is null)
            {
                message = "the information matrix is not positive definite (a coefficient may be infinite)";
            }
        }

        fit = Build(data, beta, state, nullLogLikelihood, scoreTest, options,
            new FitDiagnostics(converged, iterations, state.LogLikelihood, Math.Sqrt(state.Score.Sum(u => u * u)), "Newton-Raphson", message)
            {
                MaxAbsoluteStep = maxStep,
                StepHalvings = halvings,
            });
        return converged;
    }

    /// <summary>
    /// Fits the model as R's <c>coxph</c> treats what the data cannot identify: the aliased covariates
    /// (<see cref="AliasedCovariates"/>; R prints NA, "not defined because of singularities") are dropped, the
    /// coefficients that may be infinite are named (<see cref="PossiblyInfiniteCoefficients"/>; R warns "coefficient may be
    /// infinite"), a fit that does not converge is the last iterate with its diagnostics, and when every covariate is
    /// aliased (all constant) there is no fit and the result says why.
    /// </summary>
    /// <param name="table">The survival data with at least one covariate and one event; strata are used when present.</param>
    /// <param name="options">Ties, iteration budget, tolerance and interval level.</param>
    /// <returns>The fit with the dropped and possibly infinite covariates, or the reason there is none.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The table has no covariates or no events.</exception>
    public static CoxFitResult FitDroppingAliased(SurvivalTable table, CoxOptions options)
    {
        Preconditions.CheckNotNull(table);
        Preconditions.CheckNotNull(options);
        Preconditions.CheckArgument(table.CovariateNames.Length > 0, nameof(table), "A Cox model needs at least one covariate (use SurvivalTable.WithCovariate).");
        Preconditions.CheckArgument(table.Events.Contains(true), nameof(table), "A Cox model needs at least one event; every row is censored.");
        var aliased = AliasedCovariates(table);
        if (aliased.Count == table.CovariateNames.Length)
        {
            return new CoxFitResult(null, [.. aliased], []);
        }
        var kept = table.WithoutCovariates(aliased);
        TryFit(kept, options, out var fit);
        return new CoxFitResult(fit, [.. aliased], [.. PossiblyInfiniteCoefficients(fit, kept)]);
    }

    /// <summary>
    /// The covariates that are aliased, as R's <c>coxph</c> calls them: constant, or a linear combination of the
    /// covariates before them (in table order). Their coefficients are not defined ("because of singularities", R prints
    /// NA); fit the model without them.
    /// </summary>
    /// <param name="table">The survival data.</param>
    /// <returns>The names of the aliased covariates, in table order; empty when there are none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <remarks>
    /// Modified Gram-Schmidt on the centred columns (centring removes what the partial likelihood cannot see, a
    /// constant shift): a column whose residual after the kept columns has a squared norm below 1e-9 of its own
    /// (centred) squared norm, or whose centred norm is zero, is aliased. R uses a tolerance of the same order on the
    /// Cholesky pivots of the information matrix (<c>toler.chol</c> = eps^0.75).
    /// </remarks>
    public static IReadOnlyList<string> AliasedCovariates(SurvivalTable table)
    {
        Preconditions.CheckNotNull(table);
        var kept = new List<double[]>();
        var aliased = new List<string>();
        for (int k = 0; k < table.CovariateNames.Length; k++)
        {
            var column = table.Covariates[k];
            double mean = column.Average();
            var v = column.Select(x => x - mean).ToArray();
            double norm = v.Sum(x => x * x);
            foreach (var q in kept)
            {
                double dot = 0;
                for (int i = 0; i < v.Length; i++)
                {
                    dot += v[i] * q[i];
                }
                for (int i = 0; i < v.Length; i++)
                {
                    v[i] -= dot * q[i];
                }
            }
            double residual = v.Sum(x => x * x);
            if (!(norm > 0) || residual <= 1e-9 * norm)
            {
                aliased.Add(table.CovariateNames[k]);
                continue;
            }
            double length = Math.Sqrt(residual);
            kept.Add([.. v.Select(x => x / length)]);
        }
        return aliased;
    }

    /// <summary>
    /// The coefficients that may be infinite (monotone likelihood, e.g. perfect separation: the covariate orders events
    /// before non-events), for which R's <c>coxph</c> warns "coefficient may be infinite": the estimate moves a hazard
    /// ratio per standard deviation of the covariate beyond e^10, or its standard error is undefined.
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="table">The table it was fitted to.</param>
    /// <returns>The names of those covariates; empty when there are none.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<string> PossiblyInfiniteCoefficients(CoxFit fit, SurvivalTable table)
    {
        Preconditions.CheckNotNull(fit);
        Preconditions.CheckNotNull(table);
        var names = new List<string>();
        foreach (var c in fit.Coefficients)
        {
            int k = table.CovariateNames.IndexOf(c.Name);
            if (k < 0)
            {
                continue;
            }
            var column = table.Covariates[k];
            double mean = column.Average();
            double sd = Math.Sqrt(column.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, column.Length - 1));
            if (!double.IsFinite(c.StandardError) || Math.Abs(c.Coefficient) * sd > 10)
            {
                names.Add(c.Name);
            }
        }
        return names;
    }

    private static CoxFit Build(CoxData data, double[] beta, CoxState state, double nullLogLikelihood, ChiSquareTest scoreTest, CoxOptions options, FitDiagnostics diagnostics)
    {
        int p = data.P;
        var covariance = new double[p, p];
        var information = Matrix<double>.Build.DenseOfColumnMajor(p, p, state.Information);
        bool positiveDefinite = TryInvert(information, covariance);
        double z = Normal.InvCDF(0, 1, 1 - ((1 - options.ConfidenceLevel) / 2));
        var coefficients = ImmutableArray.CreateBuilder<CoxCoefficient>(p);
        for (int j = 0; j < p; j++)
        {
            double se = positiveDefinite && covariance[j, j] > 0 ? Math.Sqrt(covariance[j, j]) : double.NaN;
            double zj = beta[j] / se;
            double pValue = SpecialFunctions.Erfc(Math.Abs(zj) / Constants.Sqrt2);
            var interval = double.IsNaN(se)
                ? new ConfidenceInterval(0, double.PositiveInfinity, options.ConfidenceLevel, "wald")
                : new ConfidenceInterval(Math.Exp(beta[j] - (z * se)), Math.Exp(beta[j] + (z * se)), options.ConfidenceLevel, "wald");
            coefficients.Add(new CoxCoefficient(data.Names[j], beta[j], se, zj, pValue, Math.Exp(beta[j]), interval, data.Observations));
        }
        double wald = 0;
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                wald += beta[i] * state.Information[i + (j * p)] * beta[j];
            }
        }
        return new CoxFit(
            coefficients.MoveToImmutable(),
            covariance,
            nullLogLikelihood,
            state.LogLikelihood,
            ChiSquareTest.Of(2 * (state.LogLikelihood - nullLogLikelihood), p),
            ChiSquareTest.Of(wald, p),
            scoreTest,
            data.Observations,
            data.Events,
            options.Ties,
            diagnostics);
    }

    /// <summary>U' I^-1 U, the score statistic; NaN-free: 0 when I is not positive definite.</summary>
    private static double QuadraticForm(CoxState state)
    {
        var x = Solve(state.Information, state.Score, state.Score.Length);
        return x is null ? 0 : x.Select((v, j) => v * state.Score[j]).Sum();
    }

    /// <summary>Solves I x = u by Cholesky; null when I is not positive definite.</summary>
    private static double[]? Solve(double[] information, double[] score, int p)
    {
        var matrix = Matrix<double>.Build.DenseOfColumnMajor(p, p, information);
        if (!matrix.Enumerate().All(double.IsFinite))
        {
            return null;
        }
        try
        {
            var cholesky = matrix.Cholesky();
            return cholesky.Solve(Vector<double>.Build.DenseOfArray(score)).ToArray();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Inverts I by Cholesky into <paramref name="inverse"/>; when I is not finite or not positive definite, fills it with NaN and returns false.</summary>
    private static bool TryInvert(Matrix<double> information, double[,] inverse)
    {
        int p = information.RowCount;
        Matrix<double>? result = null;
        if (information.Enumerate().All(double.IsFinite))
        {
            try
            {
                result = information.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(p));
            }
            catch (ArgumentException)
            {
                // Not positive definite: no inverse.
            }
        }
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                inverse[i, j] = result is null ? double.NaN : result[i, j];
            }
        }
        return result is not null;
    }
}

/// <summary>The log partial likelihood, its score (gradient) and information (minus the Hessian, column-major p x p) at one beta.</summary>
internal sealed record CoxState(double LogLikelihood, double[] Score, double[] Information);

/// <summary>The covariates centered and the rows sorted once for the partial-likelihood sweeps.</summary>
internal sealed class CoxData
{
    private readonly double[] _x;
    private readonly double[] _eta;
    private readonly double[] _risk;
    private readonly double[] _stop;
    private readonly double[] _start;
    private readonly bool[] _event;
    private readonly int[][] _byStop;
    private readonly int[][] _byStart;

    internal CoxData(SurvivalTable table)
    {
        Preconditions.CheckArgument(table.CovariateNames.Length > 0, nameof(table), "A Cox model needs at least one covariate (use SurvivalTable.WithCovariate).");
        Observations = table.Count;
        Events = table.Events.Count(e => e);
        Preconditions.CheckArgument(Events > 0, nameof(table), "A Cox model needs at least one event; every row is censored.");
        P = table.CovariateNames.Length;
        Names = table.CovariateNames;
        int n = table.Count;
        _x = new double[n * P];
        for (int j = 0; j < P; j++)
        {
            var column = table.Covariates[j];
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += column[i];
            }
            mean /= n;
            bool constant = true;
            for (int i = 0; i < n; i++)
            {
                _x[(i * P) + j] = column[i] - mean;
                constant &= column[i] == column[0];
            }
            Preconditions.CheckArgument(!constant, nameof(table), $"Covariate '{Names[j]}' is constant ({column[0]}); its coefficient is not identified.");
        }
        var strata = RiskSet.Partition(table, table.Strata);
        // The rows are stored in the order the likelihood visits them: by stratum, then by stop time descending (ties in
        // row order), so that every evaluation reads its arrays front to back. The visit order, and so every sum, is the
        // one of the rows in table order sorted stably by descending stop time.
        var order = new int[n];
        var strataStarts = new int[strata.Count + 1];
        for (int s = 0, at = 0; s < strata.Count; s++)
        {
            var rows = strata[s].Rows;
            CopySortedByStopDescending(rows, table.Durations, order, at);
            at += rows.Count;
            strataStarts[s + 1] = at;
        }
        var position = new int[n];
        var x = new double[n * P];
        _stop = new double[n];
        _event = new bool[n];
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            position[i] = k;
            _stop[k] = table.Durations[i];
            _event[k] = table.Events[i];
            for (int j = 0; j < P; j++)
            {
                x[(k * P) + j] = _x[(i * P) + j];
            }
        }
        _x = x;
        _start = table.IsCountingProcess ? new double[n] : [];
        if (table.IsCountingProcess)
        {
            for (int k = 0; k < n; k++)
            {
                _start[k] = table.Starts[order[k]];
            }
        }
        _byStop = new int[strata.Count][];
        _byStart = new int[strata.Count][];
        for (int s = 0; s < strata.Count; s++)
        {
            _byStop[s] = [.. Enumerable.Range(strataStarts[s], strataStarts[s + 1] - strataStarts[s])];
            if (table.IsCountingProcess)
            {
                var byStart = strata[s].Rows.ToArray();
                StableSortDescending(table.Starts.AsSpan(), byStart);
                for (int k = 0; k < byStart.Length; k++)
                {
                    byStart[k] = position[byStart[k]];
                }
                _byStart[s] = byStart;
            }
            else
            {
                _byStart[s] = [];
            }
        }
        _eta = new double[n];
        _risk = new double[n];
    }

    /// <summary>Copies a stratum's rows to <paramref name="order"/> from <paramref name="at"/>, sorted stably by descending stop time.</summary>
    private static void CopySortedByStopDescending(List<int> rows, ImmutableArray<double> stops, int[] order, int at)
    {
        var slice = order.AsSpan(at, rows.Count);
        rows.CopyTo(slice);
        StableSortDescending(stops.AsSpan(), slice);
    }

    /// <summary>
    /// Sorts row numbers (ascending on entry) by descending <paramref name="times"/>, equal times keeping their order: the
    /// order of a stable descending sort (LINQ's OrderByDescending). Churn data in whole days has few distinct times: the
    /// rows are counted per distinct time (one hash look-up each), the distinct times sorted, and every row placed at its
    /// time's next free position in row order. With many distinct times, one sort of the keys and a sort of each run of ties.
    /// </summary>
    internal static void StableSortDescending(ReadOnlySpan<double> times, Span<int> rows)
    {
        var slotOf = new Dictionary<double, int>();
        var slots = new int[rows.Length];
        var counts = new List<int>();
        int limit = Math.Max(64, rows.Length / 8);
        for (int k = 0; k < rows.Length; k++)
        {
            ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(slotOf, times[rows[k]], out bool seen);
            if (!seen)
            {
                if (slotOf.Count > limit)
                {
                    SortDescendingThenRuns(times, rows);
                    return;
                }
                slot = counts.Count;
                counts.Add(0);
            }
            counts[slot]++;
            slots[k] = slot;
        }
        var distinct = new double[slotOf.Count];
        var order = new int[slotOf.Count];
        foreach (var (time, slot) in slotOf)
        {
            distinct[slot] = -time;
            order[slot] = slot;
        }
        distinct.AsSpan().Sort(order);
        var next = new int[order.Length];
        for (int d = 0, at = 0; d < order.Length; d++)
        {
            next[order[d]] = at;
            at += counts[order[d]];
        }
        var sorted = new int[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            sorted[next[slots[k]]++] = rows[k];
        }
        sorted.CopyTo(rows);
    }

    private static void SortDescendingThenRuns(ReadOnlySpan<double> times, Span<int> rows)
    {
        var keys = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            keys[k] = -times[rows[k]];
        }
        keys.AsSpan().Sort(rows);
        for (int first = 0; first < rows.Length;)
        {
            int end = first + 1;
            while (end < rows.Length && keys[end] == keys[first])
            {
                end++;
            }
            if (end - first > 1)
            {
                rows[first..end].Sort();
            }
            first = end;
        }
    }

    internal int P { get; }

    internal ImmutableArray<string> Names { get; }

    internal int Observations { get; }

    internal int Events { get; }

    internal CoxState Evaluate(double[] beta, CoxTies ties)
    {
        int p = P;
        int n = _stop.Length;
        var eta = _eta;
        var risk = _risk;
        for (int i = 0; i < n; i++)
        {
            double e = 0;
            for (int j = 0; j < p; j++)
            {
                e += _x[(i * p) + j] * beta[j];
            }
            eta[i] = e;
            risk[i] = Math.Exp(e);
        }
        bool efron = ties == CoxTies.Efron;
        double logLikelihood = 0;
        var score = new double[p];
        var information = new double[p * p];
        var s1 = new double[p];
        var s2 = new double[p * p];
        var d1 = new double[p];
        var d2 = new double[p * p];
        var mean = new double[p];
        for (int s = 0; s < _byStop.Length; s++)
        {
            var byStop = _byStop[s];
            var byStart = _byStart[s];
            double s0 = 0;
            Array.Clear(s1);
            Array.Clear(s2);
            int a = 0, b = 0, inRiskSet = 0;
            while (a < byStop.Length)
            {
                double t = _stop[byStop[a]];
                for (; b < byStart.Length && _start[byStart[b]] >= t; b++)
                {
                    int i = byStart[b];
                    inRiskSet--;
                    s0 -= risk[i];
                    AddOuter(s1, s2, _x.AsSpan(i * p, p), -risk[i]);
                }
                if (inRiskSet == 0)
                {
                    // An empty risk set between two blocks of (start, stop] rows: restart the sums at exact zeros
                    // rather than carry the rounding of adding and subtracting the rows that left. Rows leave before
                    // the rows ending at t enter, which is the same risk set because a row starting at or after t
                    // cannot end at t.
                    s0 = 0;
                    Array.Clear(s1);
                    Array.Clear(s2);
                }
                double d0 = 0;
                int deaths = 0;
                Array.Clear(d1);
                if (efron)
                {
                    Array.Clear(d2);
                }
                for (; a < byStop.Length && _stop[byStop[a]] == t; a++)
                {
                    int i = byStop[a];
                    inRiskSet++;
                    s0 += risk[i];
                    AddOuter(s1, s2, _x.AsSpan(i * p, p), risk[i]);
                    if (_event[i])
                    {
                        deaths++;
                        d0 += risk[i];
                        logLikelihood += eta[i];
                        for (int j = 0; j < p; j++)
                        {
                            score[j] += _x[(i * p) + j];
                        }
                        if (efron)
                        {
                            AddOuter(d1, d2, _x.AsSpan(i * p, p), risk[i]);
                        }
                    }
                }
                if (deaths == 0)
                {
                    continue;
                }
                if (efron)
                {
                    logLikelihood -= EfronTerms(p, deaths, s0, d0, s1, s2, d1, d2, score, information);
                    continue;
                }
                // Breslow: every tied event sees the full risk set, so the d terms are equal.
                double multiplicity = deaths;
                logLikelihood -= multiplicity * Math.Log(s0);
                for (int j = 0; j < p; j++)
                {
                    mean[j] = s1[j] / s0;
                    score[j] -= multiplicity * mean[j];
                }
                for (int j = 0; j < p; j++)
                {
                    for (int k = 0; k <= j; k++)
                    {
                        double second = s2[(j * p) + k] / s0;
                        information[(j * p) + k] += multiplicity * (second - (mean[j] * mean[k]));
                    }
                }
            }
        }
        for (int j = 0; j < p; j++)
        {
            for (int k = j + 1; k < p; k++)
            {
                information[(j * p) + k] = information[(k * p) + j];
            }
        }
        return new CoxState(logLikelihood, score, information);
    }

    /// <summary>
    /// Efron's d terms of one event time, l = 0..d-1, f = l/d, D_l = S0 - f D0: subtracts sum_l (S1 - f D1) / D_l from the score,
    /// adds sum_l [(S2 - f D2) / D_l - m_l m_l'] (m_l = (S1 - f D1) / D_l) to the information's lower triangle and returns
    /// sum_l ln D_l. The sums over l are taken of scalars first, A = sum 1/D, B = sum f/D, C = sum 1/D^2, E = sum f/D^2,
    /// G = sum f^2/D^2, so that the score is S1 A - D1 B and the information S2 A - D2 B - (S1 S1' C - (S1 D1' + D1 S1') E
    /// + D1 D1' G): one logarithm and two divisions per tied event and O(p^2) per event time, instead of O(p^2) per tied event
    /// (the same sums in another order: equal within rounding, tested against R's coxph on rossi and the million rows).
    /// </summary>
    private static double EfronTerms(int p, int deaths, double s0, double d0, double[] s1, double[] s2, double[] d1, double[] d2, double[] score, double[] information)
    {
        double logSum = 0, sumA = 0, sumB = 0, sumC = 0, sumE = 0, sumG = 0;
        for (int l = 0; l < deaths; l++)
        {
            double f = (double)l / deaths;
            double denominator = s0 - (f * d0);
            double inverse = 1 / denominator;
            double inverseSquared = inverse * inverse;
            logSum += Math.Log(denominator);
            sumA += inverse;
            sumB += f * inverse;
            sumC += inverseSquared;
            sumE += f * inverseSquared;
            sumG += f * f * inverseSquared;
        }
        for (int j = 0; j < p; j++)
        {
            score[j] -= (s1[j] * sumA) - (d1[j] * sumB);
            for (int k = 0; k <= j; k++)
            {
                double second = (s2[(j * p) + k] * sumA) - (d2[(j * p) + k] * sumB);
                double means = (s1[j] * s1[k] * sumC) - (((s1[j] * d1[k]) + (d1[j] * s1[k])) * sumE) + (d1[j] * d1[k] * sumG);
                information[(j * p) + k] += second - means;
            }
        }
        return logSum;
    }

    /// <summary>sum += w x and outer += w x x' (lower triangle, row-major).</summary>
    private static void AddOuter(double[] sum, double[] outer, ReadOnlySpan<double> x, double w)
    {
        int p = x.Length;
        var sums = sum.AsSpan(0, p);
        for (int j = 0; j < sums.Length; j++)
        {
            double wx = w * x[j];
            sums[j] += wx;
            // Row j of the lower triangle, sliced so that the loop runs without bounds checks.
            var row = outer.AsSpan(j * p, j + 1);
            var xs = x[..row.Length];
            for (int k = 0; k < row.Length; k++)
            {
                row[k] += wx * xs[k];
            }
        }
    }
}
