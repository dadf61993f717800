using System.Globalization;

namespace ContactMetrics.Numerics;

/// <summary>
/// How results print themselves (<c>ToString</c>): invariant culture, three significant digits (thousands grouped
/// above 1,000), p-values to three significant digits, fractions as percentages, "n/a" for a value that does not exist.
/// </summary>
internal static class ResultText
{
    public static string Number(double x) =>
        double.IsNaN(x) ? "n/a"
        : double.IsInfinity(x) ? (x > 0 ? "∞" : "-∞")
        : Math.Abs(x) >= 1000 ? x.ToString("N0", CultureInfo.InvariantCulture)
        : x.ToString("G3", CultureInfo.InvariantCulture);

    public static string Number(double? x) => x is double v ? Number(v) : "n/a";

    /// <summary>A fraction as a percentage with one decimal, e.g. <c>84.9%</c>.</summary>
    public static string Percent(double x) => double.IsFinite(x) ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Percent(double? x) => x is double v ? Percent(v) : "n/a";

    /// <summary>A p-value to three significant digits as R prints it (<c>0.0474</c>, <c>6.6e-05</c>); below 2.2e-16 as <c>&lt;2e-16</c>.</summary>
    public static string PValue(double p) =>
        double.IsNaN(p) ? "n/a"
        : p < 2.2e-16 ? "<2e-16"
        : p < 1e-4 ? p.ToString("0.##e-00", CultureInfo.InvariantCulture)
        : p.ToString("G3", CultureInfo.InvariantCulture);

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);


    /// <summary>An interval as <c>[lower, upper]</c> in <paramref name="format"/>.</summary>
    public static string Interval(ConfidenceInterval? interval, Func<double, string> format) =>
        interval is ConfidenceInterval i ? $"[{format(i.Lower)}, {format(i.Upper)}]" : "[n/a]";
}
