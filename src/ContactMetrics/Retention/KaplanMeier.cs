using System.Collections.Immutable;
using MathNet.Numerics.Distributions;

namespace ContactMetrics.Retention;

/// <summary>The Kaplan-Meier (product-limit) estimator of the survival function, per group.</summary>
/// <remarks>
/// <para>Kaplan &amp; Meier (1958), "Nonparametric estimation from incomplete observations", JASA 53(282):
/// S(t) = prod over event times t_i &lt;= t of (1 - d_i / n_i), with d_i events and n_i at risk at t_i (a row
/// censored at t_i is still at risk at t_i). Variance by Greenwood's formula (Greenwood 1926; Kalbfleisch &amp;
/// Prentice 2002, section 1.4): sigma^2(t) = sum d_i / (n_i (n_i - d_i)) is the variance of the cumulative hazard
/// -log S(t), and SE(S(t)) = S(t) sigma(t).</para>
/// <para>Intervals as R's <c>survfit</c> (survival package, <c>conf.type</c>): plain S +- z S sigma clipped to
/// [0, 1]; log S exp(+-z sigma) with the upper bound capped at 1; log-log S^exp(+-z sigma / log S). With
/// counting-process data, rows enter the risk set after their start (delayed entry).</para>
/// </remarks>
public static class KaplanMeier
{
    /// <summary>Estimates one survival curve per group of <paramref name="table"/> (one curve when it has no groups).</summary>
    /// <param name="table">The survival data; its <see cref="SurvivalTable.Groups"/>, if any, split the curves.</param>
    /// <param name="confidenceLevel">The level of the pointwise intervals, in (0, 1); 0.95 by default.</param>
    /// <returns>The curves, ordered by group label (ordinal); a table without groups gives one curve whose group is <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public static ImmutableArray<KaplanMeierCurve> Estimate(SurvivalTable table, double confidenceLevel = 0.95)
    {
        Preconditions.CheckNotNull(table);
        CheckLevel(confidenceLevel);
        var curves = ImmutableArray.CreateBuilder<KaplanMeierCurve>();
        foreach (var (label, rows) in RiskSet.Partition(table, table.Groups))
        {
            curves.Add(EstimateCurve(label, new RiskSet(table, rows), confidenceLevel));
        }
        return curves.ToImmutable();
    }

    internal static void CheckLevel(double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, $"A confidence level must be in (0, 1); was {confidenceLevel}.");
        }
    }

    private static KaplanMeierCurve EstimateCurve(string? group, RiskSet risk, double level)
    {
        double z = Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
        var rows = ImmutableArray.CreateBuilder<KaplanMeierRow>(risk.EventTimes.Length);
        double survival = 1;
        double greenwood = 0;
        for (int k = 0; k < risk.EventTimes.Length; k++)
        {
            double t = risk.EventTimes[k];
            int atRisk = risk.AtRisk(t);
            int deaths = risk.Deaths[k];
            survival *= 1 - ((double)deaths / atRisk);
            if (deaths < atRisk)
            {
                greenwood += deaths / ((double)atRisk * (atRisk - deaths));
            }
            else
            {
                // Everyone at risk had the event: S(t) = 0 exactly, its variance is taken as its limit 0.
                survival = 0;
            }
            double sigma = Math.Sqrt(greenwood);
            rows.Add(new KaplanMeierRow(t, atRisk, deaths, risk.CensoredSincePrevious[k], survival, survival * sigma, sigma,
                PlainInterval(survival, sigma, z, level), LogInterval(survival, sigma, z, level), LogLogInterval(survival, sigma, z, level)));
        }
        return new KaplanMeierCurve(group, risk.Count, risk.TotalEvents, risk.LastTime, level, rows.MoveToImmutable());
    }

    private static Numerics.ConfidenceInterval PlainInterval(double s, double sigma, double z, double level) =>
        new(Math.Max(0, s - (z * s * sigma)), Math.Min(1, s + (z * s * sigma)), level, "plain");

    private static Numerics.ConfidenceInterval LogInterval(double s, double sigma, double z, double level) =>
        s == 0 ? new(0, 0, level, "log") : new(s * Math.Exp(-z * sigma), Math.Min(1, s * Math.Exp(z * sigma)), level, "log");

    private static Numerics.ConfidenceInterval LogLogInterval(double s, double sigma, double z, double level)
    {
        if (s == 0 || s == 1)
        {
            return new(s, s, level, "log-log");
        }
        double logS = Math.Log(s);
        return new(Math.Pow(s, Math.Exp(-z * sigma / logS)), Math.Pow(s, Math.Exp(z * sigma / logS)), level, "log-log");
    }
}
