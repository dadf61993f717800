namespace ContactMetrics.Tests.Retention;

internal static class Tolerance
{
    /// <summary>Asserts |actual - expected| &lt;= relative |expected| (or an absolute 1e-12 near 0).</summary>
    public static void ShouldBeRelativelyClose(this double actual, double expected, double relative = 1e-6, string because = "")
        => actual.Should().BeApproximately(expected, Math.Max(Math.Abs(expected) * relative, 1e-12), because);
}
