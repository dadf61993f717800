using System.Collections.Immutable;
using ContactMetrics.Numerics;

namespace ContactMetrics.Retention;

/// <summary>Which pointwise interval of a Kaplan-Meier curve (R's <c>survfit</c> argument <c>conf.type</c>).</summary>
public enum KaplanMeierIntervalType
{
    /// <summary>S +- z SE(S), clipped to [0, 1] (R <c>conf.type = "plain"</c>).</summary>
    Plain,

    /// <summary>S exp(+-z sigma), upper bound capped at 1 (R <c>conf.type = "log"</c>, R's default).</summary>
    Log,

    /// <summary>S^exp(+-z sigma / log S) (R <c>conf.type = "log-log"</c>): always inside [0, 1].</summary>
    LogLog,
}

/// <summary>One line of a Kaplan-Meier table, at a distinct event time (as R's <c>summary(survfit(...))</c>).</summary>
/// <param name="Time">The event time.</param>
/// <param name="AtRisk">The rows at risk just before it.</param>
/// <param name="Events">The events at it.</param>
/// <param name="Censored">The rows censored after the previous event time, up to and including this one (R's <c>n.censor</c> of <c>summary.survfit</c>).</param>
/// <param name="Survival">S(t), the product-limit estimate.</param>
/// <param name="StandardError">SE of S(t) by Greenwood's formula, S(t) sigma(t) (R's <c>summary(fit)$std.err</c>); 0 once S(t) = 0.</param>
/// <param name="CumulativeHazardStandardError">sigma(t), the SE of -log S(t) (R's <c>fit$std.err</c>).</param>
/// <param name="Plain">The plain interval.</param>
/// <param name="Log">The log interval; [0, 0] once S(t) = 0 (R: NA).</param>
/// <param name="LogLog">The log-log interval; [0, 0] once S(t) = 0 (R: NA).</param>
public sealed record KaplanMeierRow(
    double Time,
    int AtRisk,
    int Events,
    int Censored,
    double Survival,
    double StandardError,
    double CumulativeHazardStandardError,
    ConfidenceInterval Plain,
    ConfidenceInterval Log,
    ConfidenceInterval LogLog)
{
    /// <summary>The interval of the given type.</summary>
    /// <param name="type">The interval type.</param>
    /// <returns>The interval.</returns>
    public ConfidenceInterval Interval(KaplanMeierIntervalType type) => type switch
    {
        KaplanMeierIntervalType.Plain => Plain,
        KaplanMeierIntervalType.Log => Log,
        _ => LogLog,
    };
}

/// <summary>The median survival time and its confidence interval; a missing value is <see langword="null"/> (R: NA).</summary>
/// <param name="Estimate">The median, or <see langword="null"/> when S(t) never falls to 0.5.</param>
/// <param name="Lower">The lower confidence limit, or <see langword="null"/> when the lower band never falls to 0.5.</param>
/// <param name="Upper">The upper confidence limit, or <see langword="null"/> when the upper band never falls to 0.5.</param>
/// <param name="Level">The confidence level.</param>
/// <param name="IntervalType">The pointwise band used for the limits.</param>
public sealed record MedianSurvival(double? Estimate, double? Lower, double? Upper, double Level, KaplanMeierIntervalType IntervalType)
{
    /// <summary>The median in words, e.g. <c>median 56 [45, n/a] (95% log interval)</c>; n/a where R prints NA.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"median {ResultText.Number(Estimate)} [{ResultText.Number(Lower)}, {ResultText.Number(Upper)}] ({Level * 100:0.##}% {RName(IntervalType)} interval)");

    /// <summary>R's <c>conf.type</c> name of an interval type.</summary>
    private static string RName(KaplanMeierIntervalType type) => type switch
    {
        KaplanMeierIntervalType.Plain => "plain",
        KaplanMeierIntervalType.Log => "log",
        _ => "log-log",
    };
}

/// <summary>
/// The restricted mean survival time up to a horizon: the area under S(t) on [0, tau]; <see cref="Estimate"/> is the
/// same with a 95% Wald interval.
/// </summary>
/// <param name="Tau">The horizon tau.</param>
/// <param name="Mean">The area under the curve from 0 to tau.</param>
/// <param name="StandardError">Its standard error (see <see cref="KaplanMeierCurve.RestrictedMean"/>).</param>
/// <param name="Count">The rows of the curve.</param>
public sealed record RestrictedMeanSurvival(double Tau, double Mean, double StandardError, int Count)
{
    /// <summary>The restricted mean as an estimate: point, 95% Wald interval Mean ± 1.96 SE, method <c>wald</c> and n (the rows).</summary>
    public Estimate Estimate => Numerics.Estimate.Wald(Mean, StandardError, Count);
}

/// <summary>A Kaplan-Meier survival curve of one group: its table, median, survival at given times and restricted mean.</summary>
public sealed class KaplanMeierCurve
{
    // R's print.survfit treats a value within sqrt(machine epsilon) of 0.5 as exactly 0.5.
    private static readonly double HalfTolerance = Math.Sqrt(2.220446049250313e-16);

    internal KaplanMeierCurve(string? group, int count, int events, double lastTime, double level, ImmutableArray<KaplanMeierRow> rows)
    {
        Group = group;
        Count = count;
        Events = events;
        LastTime = lastTime;
        ConfidenceLevel = level;
        Rows = rows;
    }

    /// <summary>The group label, or <see langword="null"/> for a table without groups.</summary>
    public string? Group { get; }

    /// <summary>The rows of the group (R's <c>n</c>).</summary>
    public int Count { get; }

    /// <summary>The events of the group.</summary>
    public int Events { get; }

    /// <summary>The largest follow-up time in the group.</summary>
    public double LastTime { get; }

    /// <summary>The level of the pointwise intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>One row per distinct event time, ascending; empty when the group has no events (then S(t) = 1 throughout).</summary>
    public ImmutableArray<KaplanMeierRow> Rows { get; }

    /// <summary>The curve in words, e.g. <c>Kaplan-Meier (group 1): n=432, events 114, last time 52, median n/a [n/a, n/a] (95% log interval)</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => $"Kaplan-Meier{(Group is null ? "" : $" ({Group})")}: n={ResultText.Count(Count)}, events {ResultText.Count(Events)}, last time {ResultText.Number(LastTime)}, {Median()}";

    /// <summary>S(t) at a time: the right-continuous step function, 1 before the first event.</summary>
    /// <param name="time">The time.</param>
    /// <returns>S(time). After <see cref="LastTime"/> the curve is not identified; the last value is returned (R's <c>summary(fit, times, extend = TRUE)</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public double SurvivalAt(double time)
    {
        if (double.IsNaN(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "The time must not be NaN.");
        }
        int k = LastRowAtOrBefore(time);
        return k < 0 ? 1 : Rows[k].Survival;
    }

    /// <summary>
    /// The median survival time with its confidence interval, by R's convention (<c>print.survfit</c>): the median is
    /// the first time S(t) &lt;= 0.5; where the curve is flat at exactly 0.5 it is the midpoint of that flat part
    /// (between the time it reached 0.5 and the next event time); the confidence limits are the same read-off on the
    /// lower and upper pointwise bands (Brookmeyer &amp; Crowley 1982, "A confidence interval for the median survival
    /// time", Biometrics 38(1)).
    /// </summary>
    /// <param name="intervalType">The band used for the limits; R's default is <see cref="KaplanMeierIntervalType.Log"/>.</param>
    /// <returns>The median; a value that is not reached is <see langword="null"/> (all censored: no median).</returns>
    public MedianSurvival Median(KaplanMeierIntervalType intervalType = KaplanMeierIntervalType.Log)
    {
        // Every band of R's survfit is NA where S(t) = 0 (the plain band too: its standard error is 0/0 there), so the
        // read-off skips those rows; a limit the band never reaches is NA (R: survfit(..., conf.type = "plain") on
        // times 1-5, all events, gives median 3, 0.95LCL 1, 0.95UCL NA).
        double? estimate = FirstAtOrBelowHalf(r => r.Survival, skipZero: false);
        double? lower = FirstAtOrBelowHalf(r => r.Interval(intervalType).Lower, skipZero: true);
        double? upper = FirstAtOrBelowHalf(r => r.Interval(intervalType).Upper, skipZero: true);
        return new MedianSurvival(estimate, lower, upper, ConfidenceLevel, intervalType);
    }

    /// <summary>
    /// The restricted mean survival time up to <paramref name="tau"/>, as R's <c>print(fit, rmean = tau)</c>: the area
    /// under S(t) from 0 to tau (S = 1 before the first event, flat after the last), with the standard error
    /// sqrt(sum over event times t_i &lt;= tau of A_i^2 d_i / (n_i (n_i - d_i))), A_i the area under the curve from t_i to tau
    /// (Klein &amp; Moeschberger 2003, "Survival analysis", section 4.5).
    /// </summary>
    /// <param name="tau">The horizon; finite and at least 0.</param>
    /// <returns>The restricted mean and its standard error.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative, infinite or NaN.</exception>
    public RestrictedMeanSurvival RestrictedMean(double tau)
    {
        Preconditions.CheckNonNegative(tau);
        int last = LastRowAtOrBefore(tau);
        // Areas from each event time to tau, accumulated backwards: A_i = S(t_i) (t_{i+1} - t_i) + A_{i+1}.
        double area = 0;
        double variance = 0;
        for (int k = last; k >= 0; k--)
        {
            double next = k == last ? tau : Rows[k + 1].Time;
            area += Rows[k].Survival * (next - Rows[k].Time);
            int n = Rows[k].AtRisk, d = Rows[k].Events;
            if (n > d)
            {
                variance += area * area * d / ((double)n * (n - d));
            }
        }
        double firstTime = last >= 0 ? Rows[0].Time : tau;
        double total = area + Math.Min(firstTime, tau);
        return new RestrictedMeanSurvival(tau, total, Math.Sqrt(variance), Count);
    }

    private int LastRowAtOrBefore(double time)
    {
        int lo = 0, hi = Rows.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Rows[mid].Time <= time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo - 1;
    }

    private double? FirstAtOrBelowHalf(Func<KaplanMeierRow, double> value, bool skipZero)
    {
        for (int k = 0; k < Rows.Length; k++)
        {
            if (skipZero && Rows[k].Survival == 0)
            {
                // R's log and log-log bands are NA where S(t) = 0 and its read-off skips them.
                continue;
            }
            double y = value(Rows[k]);
            if (y < 0.5 + HalfTolerance)
            {
                if (Math.Abs(y - 0.5) < HalfTolerance)
                {
                    for (int j = k + 1; j < Rows.Length; j++)
                    {
                        if (!(skipZero && Rows[j].Survival == 0) && value(Rows[j]) < y)
                        {
                            return (Rows[k].Time + Rows[j].Time) / 2;
                        }
                    }
                }
                return Rows[k].Time;
            }
        }
        return null;
    }
}
