using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Numerics;

public class TrigammaTests
{
    [Theory]
    // Abramowitz & Stegun 6.4.2 and 6.4.4: psi'(1) = pi^2 / 6, psi'(1/2) = pi^2 / 2; 6.4.6 from psi'(1) by hand:
    // psi'(n) = pi^2 / 6 - sum_{k < n} 1 / k^2, and psi'(n + 1/2) = pi^2 / 2 - 4 sum_{k <= n} 1 / (2k - 1)^2.
    [InlineData(1.0, 1)]
    [InlineData(0.5, 2)]
    [InlineData(2.0, 3)]
    [InlineData(10.0, 4)]
    [InlineData(10.5, 5)]
    [InlineData(250.0, 6)]
    public void Of_ClosedForms_AgreeToAbout1e15(double z, int form)
    {
        double pi2 = Math.PI * Math.PI;
        double expected = form switch
        {
            1 => pi2 / 6,
            2 => pi2 / 2,
            5 => pi2 / 2 - 4 * Enumerable.Range(1, 10).Reverse().Sum(k => 1.0 / ((2 * k - 1) * (2.0 * k - 1))),
            _ => pi2 / 6 - Enumerable.Range(1, (int)z - 1).Reverse().Sum(k => 1.0 / ((double)k * k)),
        };
        // The closed forms lose about 1e-15 absolute to the cancellation of pi^2 / 6 against the sum.
        Trigamma.Of(z).Should().BeApproximately(expected, 2e-15 * expected + 1e-15);
    }

    [Theory]
    // mpmath 1.3.0, mpmath.psi(1, mpf(z)) at 40 digits of the double z (run on this machine, 2026-12-07, issue #18 review):
    // both sides of the switch from the recurrence to the expansion at 12, tiny and large arguments.
    [InlineData(1e-8, 10000000000000001.226)]
    [InlineData(0.243, 18.141779787095829501)]
    [InlineData(3.7, 0.31003785767003830216)]
    [InlineData(11.999, 0.086909420732240824282)]
    [InlineData(12.0, 0.08690187287176839075)]
    [InlineData(250.5, 0.0039999946666965329554)]
    [InlineData(1e6, 1.0000005000001666667e-6)]
    public void Of_MpmathValues_AgreeTo2e15Relative(double z, double expected)
    {
        Trigamma.Of(z).Should().BeApproximately(expected, 2e-15 * expected);
    }

    [Fact]
    public void Of_SmallAndLargeArguments_FollowTheRecurrenceAndTheLeadingTerm()
    {
        // psi'(z) = psi'(z + 1) + 1 / z^2 (A&S 6.4.6) across the switch to the expansion at 12, and psi'(z) -> 1/z + 1/(2 z^2).
        foreach (double z in (double[])[1e-8, 0.243, 0.793, 2.426, 9.3, 10.99, 11.0, 12.0, 37.5])
        {
            double expected = Trigamma.Of(z + 1) + 1 / (z * z);
            Trigamma.Of(z).Should().BeApproximately(expected, 1e-15 * expected, $"z = {z}");
        }
        Trigamma.Of(1e9).Should().BeApproximately(1e-9 + 0.5e-18, 1e-24);
        Trigamma.Of(0.0).Should().Be(double.NaN);
        Trigamma.Of(-1.0).Should().Be(double.NaN);
        Trigamma.Of(double.PositiveInfinity).Should().Be(0.0);
    }
}
