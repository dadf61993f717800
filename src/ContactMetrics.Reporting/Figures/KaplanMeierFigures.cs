using ContactMetrics.Retention;

namespace ContactMetrics.Reporting;

/// <summary>
/// Kaplan-Meier curves as <c>contactmetrics retention km</c> prints them: the table's counts and the log-rank test, the
/// survival at each event time (or at given times, as R's <c>summary(fit, times = ...)</c>) and each group's median.
/// </summary>
public static class KaplanMeierFigures
{
    /// <summary>The curves of <paramref name="survival"/> with their intervals of <paramref name="intervalType"/>.</summary>
    /// <param name="table">The name of the table (its path), shown as a fact.</param>
    /// <param name="survival">The survival table the curves were estimated on (with its groups).</param>
    /// <param name="curves">The curves, one per group (<see cref="KaplanMeier.Estimate"/>).</param>
    /// <param name="confidenceLevel">The confidence level of the curves.</param>
    /// <param name="intervalType">The pointwise interval shown.</param>
    /// <param name="times">Times to show S(t) at, ascending; every event time when empty.</param>
    /// <returns>The sections <c>kaplanMeier</c>, <c>survival</c> (table <c>rows</c>) and <c>groups</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="survival"/>, <paramref name="curves"/> or <paramref name="times"/> is null.</exception>
    public static FigureSheet Of(string? table, SurvivalTable survival, IReadOnlyList<KaplanMeierCurve> curves, double confidenceLevel,
        KaplanMeierIntervalType intervalType, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(survival);
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(times);
        var output = new FigureSheet();
        var summary = output.Add("kaplanMeier", "Kaplan-Meier");
        summary.Fact("table", "Table", table)
            .Fact("rows", "Rows", survival.Count)
            .Fact("events", "Events", survival.Events.Count(e => e))
            .Fact("confidenceLevel", "Confidence level", confidenceLevel)
            .Fact("intervalType", "Interval", IntervalNames.First(n => n.Value == intervalType).Key);
        if (curves.Count > 1)
        {
            var logRank = LogRankTest.Compute(survival);
            summary.Fact("logRankChiSquare", "Log-rank chi-square", logRank.Test.Statistic)
                .Fact("logRankDegreesOfFreedom", "Log-rank df", logRank.Test.DegreesOfFreedom)
                .Fact("logRankPValue", "Log-rank p", new PValue(logRank.Test.PValue));
        }

        var rows = output.Add("survival", times.Count > 0 ? "Survival at the given times" : "Survival at each event time");
        var t = rows.SetTable("rows",
            new FigureColumn("group", "Group"),
            new FigureColumn("time", "Time", true),
            new FigureColumn("atRisk", "At risk", true),
            new FigureColumn("events", "Events", true),
            new FigureColumn("survival", "S(t)", true),
            new FigureColumn("standardError", "SE", true),
            new FigureColumn("lower", "Lower", true),
            new FigureColumn("upper", "Upper", true));
        foreach (var curve in curves)
        {
            if (times.Count == 0)
            {
                foreach (var r in curve.Rows.Where(r => r.Events > 0))
                {
                    var ci = r.Interval(intervalType);
                    t.Row(curve.Group, r.Time, r.AtRisk, r.Events, r.Survival, r.StandardError, ci.Lower, ci.Upper);
                }
                continue;
            }
            double previous = double.NegativeInfinity;
            foreach (double time in times)
            {
                var last = curve.Rows.LastOrDefault(r => r.Time <= time);
                int atRisk = Enumerable.Range(0, survival.Count).Count(i => InGroup(survival, i, curve.Group) && survival.Durations[i] >= time);
                int events = curve.Rows.Where(r => r.Time > previous && r.Time <= time).Sum(r => r.Events);
                previous = time;
                var ci = last?.Interval(intervalType);
                t.Row(curve.Group, time, atRisk, events, last?.Survival ?? 1.0, last?.StandardError ?? 0.0, ci?.Lower ?? 1.0, ci?.Upper ?? 1.0);
            }
        }

        var groups = output.Add("groups", "Per group");
        var g = groups.SetTable("groups",
            new FigureColumn("group", "Group"),
            new FigureColumn("count", "N", true),
            new FigureColumn("events", "Events", true),
            new FigureColumn("median", "Median", true),
            new FigureColumn("medianLower", "Median lower", true),
            new FigureColumn("medianUpper", "Median upper", true));
        foreach (var curve in curves)
        {
            var median = curve.Median(intervalType);
            g.Row(curve.Group, curve.Count, curve.Events, median.Estimate, median.Lower, median.Upper);
        }
        return output;
    }

    /// <summary>The pointwise interval of each name (case-insensitive): log (R's default), log-log, plain.</summary>
    public static IReadOnlyDictionary<string, KaplanMeierIntervalType> IntervalNames { get; } = new Dictionary<string, KaplanMeierIntervalType>(StringComparer.OrdinalIgnoreCase)
    {
        ["log"] = KaplanMeierIntervalType.Log,
        ["log-log"] = KaplanMeierIntervalType.LogLog,
        ["plain"] = KaplanMeierIntervalType.Plain,
    };

    private static bool InGroup(SurvivalTable table, int row, string? group) => group is null || table.Groups[row] == group;
}
