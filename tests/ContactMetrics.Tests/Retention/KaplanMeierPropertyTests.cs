using ContactMetrics.Retention;
using FsCheck.Xunit;

namespace ContactMetrics.Tests.Retention;

public sealed class KaplanMeierPropertyTests
{
    /// <summary>A seeded random table: durations on a coarse grid (many ties), about 60% events, two groups.</summary>
    private static SurvivalTable RandomTable(int seed)
    {
        var rng = new Random(seed);
        int n = rng.Next(1, 80);
        var durations = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 15)).ToArray();
        var events = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.6).ToArray();
        var groups = Enumerable.Range(0, n).Select(_ => rng.Next(0, 2) == 0 ? "a" : "b").ToArray();
        return SurvivalTable.FromColumns(durations, events).WithGroups(groups);
    }

    [Property(MaxTest = 300)]
    public bool Survival_IsNonIncreasingInUnitInterval(int seed)
    {
        foreach (var curve in KaplanMeier.Estimate(RandomTable(seed)))
        {
            double previous = 1;
            foreach (var row in curve.Rows)
            {
                if (!(row.Survival <= previous && row.Survival >= 0 && row.StandardError >= 0))
                {
                    return false;
                }
                foreach (var type in Enum.GetValues<KaplanMeierIntervalType>())
                {
                    var interval = row.Interval(type);
                    if (!(interval.Lower >= 0 && interval.Upper <= 1 && interval.Lower <= row.Survival + 1e-12 && interval.Upper >= row.Survival - 1e-12))
                    {
                        return false;
                    }
                }
                previous = row.Survival;
            }
            var rmst = curve.RestrictedMean(10);
            if (!(rmst.Mean >= 0 && rmst.Mean <= 10 && double.IsFinite(rmst.StandardError)))
            {
                return false;
            }
        }
        return true;
    }

    [Property(MaxTest = 300)]
    public bool LogRank_IsFiniteWithPValueInUnitInterval(int seed)
    {
        var result = LogRankTest.Compute(RandomTable(seed));
        double expected = result.Groups.Sum(g => g.Expected);
        double observed = result.Groups.Sum(g => g.Observed);
        return double.IsFinite(result.Test.Statistic) && result.Test.Statistic >= -1e-9
            && result.Test.PValue >= 0 && result.Test.PValue <= 1
            && Math.Abs(expected - observed) < 1e-9;
    }
}
