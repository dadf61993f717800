using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

/// <summary>
/// The O(n p^2) sweep of <see cref="CoxData.Evaluate"/> against a plain O(n^2 p^2) implementation that builds every
/// risk set from its definition (start &lt; t &lt;= stop, same stratum), with Efron's and Breslow's terms written out.
/// </summary>
public sealed class CoxPartialLikelihoodReferenceTests
{
    [Theory]
    [InlineData(3, false, false)]
    [InlineData(2, false, false)]
    [InlineData(7, false, true)]
    [InlineData(31, true, false)]
    [InlineData(64, true, true)]
    [InlineData(200, false, true)]
    [InlineData(257, true, true)]
    public void Evaluate_RandomTiedData_MatchesNaiveRiskSets(int n, bool countingProcess, bool strata)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var rng = new Random((seed * 1000) + n);
            var table = RandomTable(rng, n, countingProcess, strata);
            if (!table.Events.Contains(true))
            {
                continue;
            }
            var data = new CoxData(table);
            double[] beta = [rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5];
            foreach (var ties in new[] { CoxTies.Efron, CoxTies.Breslow })
            {
                var fast = data.Evaluate(beta, ties);
                var (logLikelihood, score, information) = Naive(table, beta, ties);

                fast.LogLikelihood.ShouldBeRelativelyClose(logLikelihood, 1e-10);
                for (int j = 0; j < 3; j++)
                {
                    fast.Score[j].Should().BeApproximately(score[j], 1e-9 * (1 + Math.Abs(score[j])));
                    for (int k = 0; k < 3; k++)
                    {
                        fast.Information[(j * 3) + k].Should().BeApproximately(information[j, k], 1e-9 * (1 + Math.Abs(information[j, k])));
                    }
                }
            }
        }
    }

    private static SurvivalTable RandomTable(Random rng, int n, bool countingProcess, bool strata)
    {
        var stops = new double[n];
        var starts = new double[n];
        var events = new bool[n];
        for (int i = 0; i < n; i++)
        {
            stops[i] = rng.Next(1, 12); // coarse times: many ties
            starts[i] = countingProcess ? rng.Next(0, (int)stops[i]) : 0;
            events[i] = rng.NextDouble() < 0.6;
        }
        var table = countingProcess ? SurvivalTable.FromIntervals(starts, stops, events) : SurvivalTable.FromColumns(stops, events);
        if (strata)
        {
            table = table.WithStrata(Enumerable.Range(0, n).Select(_ => rng.Next(0, 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        for (int j = 0; j < 3; j++)
        {
            var column = Enumerable.Range(0, n).Select(_ => j == 0 ? rng.Next(0, 2) : (rng.NextDouble() * 4) - 1).ToArray();
            column[0] += 0.5; // never constant (n >= 2)
            table = table.WithCovariate($"x{j}", column);
        }
        return table;
    }

    private static (double LogLikelihood, double[] Score, double[,] Information) Naive(SurvivalTable table, double[] beta, CoxTies ties)
    {
        int n = table.Count, p = beta.Length;
        double[] X(int i) => Enumerable.Range(0, p).Select(j => table.Covariates[j][i]).ToArray();
        double Risk(int i) => Math.Exp(X(i).Select((x, j) => x * beta[j]).Sum());
        string Stratum(int i) => table.Strata.IsEmpty ? "" : table.Strata[i];
        double Start(int i) => table.IsCountingProcess ? table.Starts[i] : double.NegativeInfinity;

        double ll = 0;
        var u = new double[p];
        var info = new double[p, p];
        var keys = Enumerable.Range(0, n).Where(i => table.Events[i]).Select(i => (Stratum(i), table.Durations[i])).Distinct();
        foreach (var (stratum, t) in keys)
        {
            var riskSet = Enumerable.Range(0, n).Where(i => Stratum(i) == stratum && Start(i) < t && table.Durations[i] >= t).ToList();
            var deaths = riskSet.Where(i => table.Durations[i] == t && table.Events[i]).ToList();
            int d = deaths.Count;
            foreach (int i in deaths)
            {
                ll += X(i).Select((x, j) => x * beta[j]).Sum();
                for (int j = 0; j < p; j++)
                {
                    u[j] += X(i)[j];
                }
            }
            for (int l = 0; l < d; l++)
            {
                double f = ties == CoxTies.Efron ? (double)l / d : 0;
                double s0 = 0;
                var s1 = new double[p];
                var s2 = new double[p, p];
                foreach (int i in riskSet)
                {
                    // Efron: a tied death counts with weight 1 - l/d in the l-th term.
                    double w = Risk(i) * (deaths.Contains(i) ? 1 - f : 1);
                    var x = X(i);
                    s0 += w;
                    for (int j = 0; j < p; j++)
                    {
                        s1[j] += w * x[j];
                        for (int k = 0; k < p; k++)
                        {
                            s2[j, k] += w * x[j] * x[k];
                        }
                    }
                }
                ll -= Math.Log(s0);
                for (int j = 0; j < p; j++)
                {
                    u[j] -= s1[j] / s0;
                    for (int k = 0; k < p; k++)
                    {
                        info[j, k] += (s2[j, k] / s0) - (s1[j] * s1[k] / (s0 * s0));
                    }
                }
            }
        }
        return (ll, u, info);
    }
}
