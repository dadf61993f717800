using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactMetrics.Samples.Tests;

/// <summary>Reads numbers back from what a sample printed (invariant culture, thousands separators allowed).</summary>
internal static class OutputParsing
{
    /// <summary>The groups of the first match of <paramref name="pattern"/> in <paramref name="output"/>; fails the test if none.</summary>
    public static GroupCollection Match(string output, string pattern)
    {
        var m = Regex.Match(output, pattern, RegexOptions.Multiline);
        m.Success.Should().BeTrue($"the output should match /{pattern}/; it was:\n{output}");
        return m.Groups;
    }

    public static double Number(this Group group) =>
        double.Parse(group.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The Wilson score interval for k of n (Wilson 1927, JASA 22(158), 209-212), z for the two-sided 95% level.</summary>
    public static (double Lower, double Upper) Wilson95(double k, double n)
    {
        const double Z = 1.959963984540054;
        double p = k / n, z2 = Z * Z;
        double center = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        double half = Z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (center - half, center + half);
    }
}
