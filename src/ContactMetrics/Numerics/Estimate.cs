using System.Globalization;
using MathNet.Numerics.Distributions;

namespace ContactMetrics.Numerics;

/// <summary>
/// A statistical estimate: the point, its interval (lower, upper) at a level, the method that produced the
/// interval and the number of observations it rests on. Every result of the library that is an estimate
/// exposes one under the same name, <c>Estimate</c> (a KPI's <c>rate.Estimate</c>, a retention group's
/// <c>Estimate</c>, a Cox coefficient's hazard ratio <c>Estimate</c>, a CLV parameter's <c>Estimate</c>).
/// </summary>
/// <remarks>
/// Never NaN: when there is nothing to estimate from (n = 0) or the estimator is undefined, <see cref="Point"/>
/// is <see langword="null"/>; when there is no interval (e.g. a standard error that could not be computed),
/// <see cref="Interval"/> is <see langword="null"/>. <see cref="ToString()"/> reads like
/// <c>0.849 [0.842, 0.856] 95% wilson, n=33,484</c>. A class rather than a struct: it has no meaningful
/// <see langword="default"/>.
/// </remarks>
public sealed record Estimate
{
    /// <summary>Creates an estimate.</summary>
    /// <param name="point">The point estimate; <see langword="null"/> when undefined. Ignored (null) when <paramref name="n"/> is 0.</param>
    /// <param name="interval">The interval; <see langword="null"/> when there is none. Ignored (null) when the point is null.</param>
    /// <param name="n">The number of observations the estimate rests on; at least 0.</param>
    /// <param name="method">How the point was estimated when there is no interval to name it (e.g. <c>mean</c>); the interval's method otherwise.</param>
    /// <exception cref="ArgumentOutOfRangeException">The point is NaN or infinite, or <paramref name="n"/> is negative.</exception>
    public Estimate(double? point, ConfidenceInterval? interval, long n, string? method = null)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"A number of observations must be at least 0; was {n}.");
        }
        if (point is double p && !double.IsFinite(p))
        {
            throw new ArgumentOutOfRangeException(nameof(point), p, $"A point estimate must be finite (null when undefined); was {p}.");
        }
        Point = n == 0 ? null : point;
        Interval = Point is null ? null : interval;
        N = n;
        Method = interval?.Method ?? method ?? string.Empty;
    }

    /// <summary>An estimate that is undefined: no point, no interval.</summary>
    /// <param name="n">The number of observations; at least 0.</param>
    /// <param name="method">The method that would have produced it.</param>
    /// <returns>The undefined estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public static Estimate Undefined(long n, string method = "") => new(null, null, n, method);

    /// <summary>
    /// A point with its Wald interval point ± z·SE, where z is the standard normal quantile for
    /// <paramref name="level"/>; no interval when the standard error is NaN, infinite or negative.
    /// </summary>
    /// <param name="point">The point estimate; null (undefined) when NaN or infinite.</param>
    /// <param name="standardError">Its standard error.</param>
    /// <param name="n">The number of observations; at least 0.</param>
    /// <param name="level">The confidence level, in (0, 1); 0.95 by default.</param>
    /// <returns>The estimate, with method <c>wald</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or the level is outside (0, 1).</exception>
    public static Estimate Wald(double point, double standardError, long n, double level = 0.95)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"A confidence level must be in (0, 1); was {level}.");
        }
        if (!double.IsFinite(point))
        {
            return new Estimate(null, null, n, "wald");
        }
        if (!double.IsFinite(standardError) || standardError < 0)
        {
            return new Estimate(point, null, n, "wald");
        }
        double half = Normal.InvCDF(0, 1, 0.5 + (level / 2)) * standardError;
        return new Estimate(point, new ConfidenceInterval(point - half, point + half, level, "wald"), n);
    }

    /// <summary>The point estimate; <see langword="null"/> when n = 0 or the estimator is undefined.</summary>
    public double? Point { get; }

    /// <summary>The interval; <see langword="null"/> when there is none (no point, or no standard error).</summary>
    public ConfidenceInterval? Interval { get; }

    /// <summary>The interval's lower bound; <see langword="null"/> without an interval.</summary>
    public double? Lower => Interval?.Lower;

    /// <summary>The interval's upper bound; <see langword="null"/> without an interval.</summary>
    public double? Upper => Interval?.Upper;

    /// <summary>The interval's confidence level, e.g. 0.95; <see langword="null"/> without an interval.</summary>
    public double? Level => Interval?.Level;

    /// <summary>The method that produced the interval (e.g. <c>wilson</c>, <c>wald</c>), or the point when there is no interval.</summary>
    public string Method { get; }

    /// <summary>The number of observations the estimate rests on.</summary>
    public long N { get; }

    /// <summary>Whether there is a point estimate.</summary>
    public bool HasPoint => Point is not null;

    /// <summary>The estimate in words, e.g. <c>0.849 [0.842, 0.856] 95% wilson, n=33,484</c>; <c>undefined, n=0</c> without a point.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string n = N.ToString("N0", c);
        if (Point is not double p)
        {
            return $"undefined, n={n}";
        }
        if (Interval is ConfidenceInterval i)
        {
            return string.Create(c, $"{ResultText.Number(p)} [{ResultText.Number(i.Lower)}, {ResultText.Number(i.Upper)}] {i.Level * 100:0.##}% {i.Method}, n={n}");
        }
        return Method.Length == 0 ? $"{ResultText.Number(p)}, n={n}" : $"{ResultText.Number(p)} {Method}, n={n}";
    }

}
