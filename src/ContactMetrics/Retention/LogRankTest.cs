using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace ContactMetrics.Retention;

/// <summary>One group of a log-rank test.</summary>
/// <param name="Group">The group label.</param>
/// <param name="Count">The rows of the group (R's <c>n</c>).</param>
/// <param name="Observed">The events observed in the group.</param>
/// <param name="Expected">The events expected under equal hazards: the sum over event times of d n_j / n.</param>
/// <param name="Variance">The diagonal element of the variance matrix of observed - expected (R's <c>diag(survdiff(...)$var)</c>).</param>
public sealed record LogRankGroup(string Group, int Count, double Observed, double Expected, double Variance);

/// <summary>The result of a log-rank test.</summary>
/// <param name="Groups">The groups, ordered by label (ordinal).</param>
/// <param name="Test">The chi-square statistic (O - E)' V^-1 (O - E), its degrees of freedom (groups with a positive expected count, minus 1) and p-value.</param>
public sealed record LogRankResult(ImmutableArray<LogRankGroup> Groups, ChiSquareTest Test)
{
    /// <summary>The test in words, e.g. <c>log-rank chi-square 7.89 on 1 df, p 0.00497: 1 41 observed / 52.2 expected, 2 ...</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => $"log-rank {Test}: " + string.Join(", ", Groups.Select(g => $"{g.Group} {Numerics.ResultText.Number(g.Observed)} observed / {Numerics.ResultText.Number(g.Expected)} expected"));
}

/// <summary>The log-rank test of equal survival in k groups, optionally stratified (R's <c>survdiff</c> with <c>rho = 0</c>).</summary>
/// <remarks>
/// <para>Mantel (1966), "Evaluation of survival data and two new rank order statistics", Cancer Chemotherapy
/// Reports 50(3); Kalbfleisch &amp; Prentice (2002), section 7.2. At each distinct event time with n at risk, d events,
/// n_j at risk in group j: E_j += d n_j / n and V_jk += d (n - d) / (n - 1) (n_j / n) (delta_jk - n_k / n). The statistic
/// uses the groups with E_j &gt; 0, dropping the last of them to make V invertible; with strata, O, E and V are sums
/// over the strata, each with its own risk sets.</para>
/// <para>A group without events has O = 0 and contributes normally. With no events at all (or fewer than two groups
/// with a positive expected count) the statistic is 0 with 0 degrees of freedom and p-value 1.</para>
/// </remarks>
public static class LogRankTest
{
    /// <summary>Tests whether the groups of <paramref name="table"/> have the same survival.</summary>
    /// <param name="table">The survival data; needs <see cref="SurvivalTable.Groups"/>; <see cref="SurvivalTable.Strata"/> are used when present.</param>
    /// <returns>Observed and expected events per group and the chi-square test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="table"/> has no groups.</exception>
    public static LogRankResult Compute(SurvivalTable table)
    {
        Preconditions.CheckNotNull(table);
        Preconditions.CheckArgument(!table.Groups.IsEmpty, nameof(table), "The log-rank test compares groups; the table has none (use SurvivalTable.WithGroups).");
        var groups = RiskSet.Partition(table, table.Groups);
        int k = groups.Count;
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < k; j++)
        {
            groupIndex.Add(groups[j].Label!, j);
        }
        var observed = new double[k];
        var expected = new double[k];
        var variance = new double[k, k];
        foreach (var (_, stratumRows) in RiskSet.Partition(table, table.Strata))
        {
            var byGroup = new List<int>[k];
            for (int j = 0; j < k; j++)
            {
                byGroup[j] = [];
            }
            foreach (int i in stratumRows)
            {
                byGroup[groupIndex[table.Groups[i]]].Add(i);
            }
            Accumulate(new RiskSet(table, stratumRows), byGroup.Select(rows => new RiskSet(table, rows)).ToArray(), observed, expected, variance);
        }

        var result = ImmutableArray.CreateBuilder<LogRankGroup>(k);
        for (int j = 0; j < k; j++)
        {
            result.Add(new LogRankGroup(groups[j].Label!, groups[j].Rows.Count, observed[j], expected[j], variance[j, j]));
        }
        return new LogRankResult(result.MoveToImmutable(), Statistic(observed, expected, variance));
    }

    private static void Accumulate(RiskSet pooled, RiskSet[] groups, double[] observed, double[] expected, double[,] variance)
    {
        int k = groups.Length;
        var next = new int[k];
        var atRisk = new double[k];
        for (int e = 0; e < pooled.EventTimes.Length; e++)
        {
            double t = pooled.EventTimes[e];
            double n = pooled.AtRisk(t);
            double d = pooled.Deaths[e];
            for (int j = 0; j < k; j++)
            {
                atRisk[j] = groups[j].AtRisk(t);
                if (next[j] < groups[j].EventTimes.Length && groups[j].EventTimes[next[j]] == t)
                {
                    observed[j] += groups[j].Deaths[next[j]];
                    next[j]++;
                }
                expected[j] += d * atRisk[j] / n;
            }
            if (n > 1)
            {
                double factor = d * (n - d) / (n - 1) / n;
                for (int j = 0; j < k; j++)
                {
                    for (int l = 0; l < k; l++)
                    {
                        variance[j, l] += factor * atRisk[j] * ((j == l ? 1 : 0) - (atRisk[l] / n));
                    }
                }
            }
        }
    }

    private static ChiSquareTest Statistic(double[] observed, double[] expected, double[,] variance)
    {
        var used = Enumerable.Range(0, observed.Length).Where(j => expected[j] > 0).ToArray();
        int df = used.Length - 1;
        if (df < 1)
        {
            return ChiSquareTest.Of(0, 0);
        }
        var v = Matrix<double>.Build.Dense(df, df, (a, b) => variance[used[a], used[b]]);
        var diff = Vector<double>.Build.Dense(df, a => observed[used[a]] - expected[used[a]]);
        // V can be singular when a group's rows are all at risk only at one event time; the pseudo-inverse then
        // gives the generalized-inverse statistic, as R's survdiff does.
        var solved = v.PseudoInverse() * diff;
        return ChiSquareTest.Of(diff * solved, df);
    }
}
