using System.Runtime.Intrinsics;
using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Numerics;

/// <summary>
/// ln 2F1(a, b; a+1; z) from Euler's transformation (Abramowitz &amp; Stegun 15.3.3) against the series of 2F1(a, b; a+1; z)
/// itself (A&amp;S 15.1.1, the form used before), against closed forms (A&amp;S 15.1.3 and 15.1.4), and its gradient.
/// </summary>
public class GaussHypergeometricTests
{
    // A grid over the Pareto/NBD's range: a = r+s+x from 0.1 to 5,000; b = s+1 or r+x, always below a+1 there; z up to 1 - 1e-4.
    private static readonly double[] As = [0.1, 0.6, 1.2, 3.0, 17.0, 300.0, 5000.0];
    private static readonly double[] Bs = [0.05, 0.55, 1.0, 1.6, 5.0, 40.0];
    private static readonly double[] Zs = [1e-9, 1e-3, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999];

    private static IEnumerable<(double A, double B, double Z)> Grid()
        => from a in As from b in Bs where b < a + 1 from z in Zs select (a, b, z);

    [Fact]
    public void LogAdjacent_EulerTransformation_MatchesDirectSeriesOverGrid()
    {
        int points = 0;
        foreach (var (a, b, z) in Grid())
        {
            GaussHypergeometric.TryLogSeries(a, b, a + 1, z, out double direct, 5_000_000).Should().BeTrue();
            double euler = GaussHypergeometric.LogAdjacent(a, b, z, maxTerms: 5_000_000);
            // (1-b) ln(1-z) + ln S: each term is accurate to a few units of rounding, so the error is relative to the larger of
            // them and of the result (for b < 1 they have opposite signs), and at least that of ln(1 + small) (both series
            // take the logarithm of a sum near 1 for small z). Measured: at most 3.2e-14 of that (at z = 1 - 1e-4).
            double scale = Math.Max(1, Math.Max(Math.Abs(direct), Math.Abs((1 - b) * Math.Log(1 - z))));
            euler.Should().BeApproximately(direct, 1e-13 * scale, $"a {a}, b {b}, z {z}");
            points++;
        }
        points.Should().Be(248);
    }

    [Fact]
    public void LogAdjacentGradient_EulerTransformation_MatchesDirectSeriesOverGrid()
    {
        var euler = new double[3];
        var direct = new double[3];
        foreach (var (a, b, z) in Grid())
        {
            double value = GaussHypergeometric.LogAdjacent(a, b, z, euler, maxTerms: 5_000_000);
            GaussHypergeometric.TryLogAdjacentSeries(a, b, z, direct, 5_000_000, out double directValue).Should().BeTrue();
            // The value with the gradient is the value-only one to the last bit (the same terms, stopped at the same one).
            value.Should().Be(GaussHypergeometric.LogAdjacent(a, b, z, maxTerms: 5_000_000), $"a {a}, b {b}, z {z}");
            double valueScale = Math.Max(1, Math.Max(Math.Abs(directValue), Math.Abs((1 - b) * Math.Log(1 - z))));
            value.Should().BeApproximately(directValue, 1e-13 * valueScale, $"a {a}, b {b}, z {z}");
            // d/da and d/dz are sums of positive terms; d/db is -ln(1-z) minus a positive sum, so its error is relative to
            // -ln(1-z) (the remarks of TryLogAdjacentEuler). Measured: at most 5.1e-13 (d/da), 4.1e-13 (d/dz) and 2.6e-13 (d/db
            // against -ln(1-z)), all at z = 1 - 1e-4, where both series sum about 4e5 terms; below 1e-14 for z up to 0.99.
            euler[0].Should().BeApproximately(direct[0], 1e-12 * Math.Abs(direct[0]), $"d/da at a {a}, b {b}, z {z}");
            euler[1].Should().BeApproximately(direct[1], 1e-12 * Math.Max(Math.Abs(direct[1]), -Math.Log(1 - z)), $"d/db at a {a}, b {b}, z {z}");
            euler[2].Should().BeApproximately(direct[2], 1e-12 * Math.Abs(direct[2]), $"d/dz at a {a}, b {b}, z {z}");
        }
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.3)]
    [InlineData(0.75)]
    [InlineData(0.999)]
    public void LogAdjacent_ClosedForms_Match(double z)
    {
        // A&S 15.1.3: 2F1(1, 1; 2; z) = -ln(1-z)/z, so d ln 2F1/dz = 1/((1-z)(-ln(1-z))) - 1/z.
        var g = new double[3];
        double log = GaussHypergeometric.LogAdjacent(1, 1, z, g);
        double minusLog = -LogSpace.LogOnePlus(-z);
        // Measured: 2.4e-14 relative at z = 0.999, as the direct series (the terms' rounding over some 3e4 terms); for small z
        // both this and the expected value are the logarithm of a number near 1, each off by up to about 1.1e-16 absolute.
        log.Should().BeApproximately(Math.Log(minusLog / z), 1e-13 * Math.Abs(log) + 4e-16);
        double dz = 1 / ((1 - z) * minusLog) - 1 / z;
        // The closed form's derivative loses digits to cancellation for small z (1/z against 1/z + 1/2): 1e-9 relative there.
        g[2].Should().BeApproximately(dz, (z < 1e-3 ? 1e-9 : 1e-12) * Math.Abs(dz));
        // A&S 15.1.4: 2F1(1/2, 1; 3/2; w^2) = artanh(w)/w.
        double w = Math.Sqrt(z);
        double artanh = Math.Log(Math.Atanh(w) / w);
        GaussHypergeometric.LogAdjacent(0.5, 1, z).Should().BeApproximately(artanh, 1e-13 * artanh + 4e-16);
    }

    [Fact]
    public void LogAdjacentGradient_BAboveAPlusOne_UsesDirectSeries()
    {
        // b >= a + 1: Euler's transformation would have terms of both signs, so the direct series gives the same numbers.
        var g = new double[3];
        var direct = new double[3];
        double value = GaussHypergeometric.LogAdjacent(1.2, 5.0, 0.7, g);
        GaussHypergeometric.TryLogAdjacentSeries(1.2, 5.0, 0.7, direct, 200_000, out double directValue).Should().BeTrue();
        value.Should().Be(directValue);
        g.Should().Equal(direct);
    }

    [Fact]
    public void LogAdjacentFour_RandomLanes_SameBitsAsScalar()
    {
        // Four series side by side stop at different terms (z from 1e-9 to 0.999 in the same group); each lane must give the
        // scalar form's value and gradient to the last bit, and a budget too small for some lanes hands those to the scalar
        // form (the quadrature) while the others keep their series results.
        var random = new Random(20261207);
        var values = new double[4];
        var gradients = new double[12];
        var scalar = new double[3];
        for (int draw = 0; draw < 500; draw++)
        {
            var a = new double[4];
            var b = new double[4];
            var z = new double[4];
            var logOneMinusZ = new double[4];
            for (int lane = 0; lane < 4; lane++)
            {
                a[lane] = Math.Exp(random.NextDouble() * 10 - 2.5);
                b[lane] = (a[lane] + 1) * random.NextDouble();
                z[lane] = random.Next(4) switch { 0 => 1e-9, 1 => 0.999, _ => random.NextDouble() * 0.99 };
                logOneMinusZ[lane] = LogSpace.LogOnePlus(-z[lane]);
            }
            int budget = draw % 50 == 0 ? 40 : 200_000;
            GaussHypergeometric.LogAdjacentFour(Vector256.Create<double>(a), Vector256.Create<double>(b), Vector256.Create<double>(z), Vector256.Create<double>(logOneMinusZ), values, gradients, budget);
            for (int lane = 0; lane < 4; lane++)
            {
                double expected = GaussHypergeometric.LogAdjacent(a[lane], b[lane], z[lane], scalar, budget);
                string because = $"draw {draw}, lane {lane}: a {a[lane]:R}, b {b[lane]:R}, z {z[lane]:R}";
                values[lane].Should().Be(expected, because);
                gradients.AsSpan(3 * lane, 3).ToArray().Should().Equal(scalar, because);
            }
        }
    }

    [Fact]
    public void LogAdjacentGradient_DerivativesOutOfBudgetAfterTheValue_ValueStillTheValueOnlyOne()
    {
        // a = 1.16, b = 0.55 (r + s and r near the CDNOW estimates, x = 0), z = 0.999827: the value's sum stops at term 197,919
        // of the 200,000 budget, the derivatives' weighted sums would need about 201,400 (both counted by replaying the loops of
        // TryLogAdjacentEuler). The value must still be the value-only one to the last bit, alone and as a lane of four, and
        // the derivatives the quadrature's: 1e-7 of the series with a large budget, as in
        // ParetoNbdGradientTests.LogAdjacentGradient_NearOne_QuadratureMatchesSeries.
        double a = 1.16, b = 0.55, z = 0.999827;
        double valueOnly = GaussHypergeometric.LogAdjacent(a, b, z);
        var g = new double[3];
        GaussHypergeometric.LogAdjacent(a, b, z, g).Should().Be(valueOnly);
        var values = new double[4];
        var gradients = new double[12];
        double[] zs = [z, 0.5, 1e-9, 0.9];
        GaussHypergeometric.LogAdjacentFour(Vector256.Create(a), Vector256.Create(b), Vector256.Create<double>(zs),
            Vector256.Create<double>(zs.Select(v => LogSpace.LogOnePlus(-v)).ToArray()), values, gradients);
        values[0].Should().Be(valueOnly);
        gradients.AsSpan(0, 3).ToArray().Should().Equal(g);
        var series = new double[3];
        GaussHypergeometric.LogAdjacent(a, b, z, series, maxTerms: 5_000_000).Should().Be(GaussHypergeometric.LogAdjacent(a, b, z, maxTerms: 5_000_000));
        for (int i = 0; i < 3; i++)
        {
            g[i].Should().BeApproximately(series[i], 1e-7 * Math.Abs(series[i]), $"component {i}");
        }
    }
}
