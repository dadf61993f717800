using System.Runtime.Intrinsics;
using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Numerics;

/// <summary>
/// The vector logistic and e^x - 1 against the scalar forms of <see cref="LogSpace"/> (themselves tested against closed
/// forms in <see cref="LogSpaceTests"/>), over the range the batch predictions use, both tails and the points where the
/// branches meet.
/// </summary>
public class VectorMathTests
{
    private static IEnumerable<double> Arguments()
    {
        var random = new Random(18);
        for (int n = 0; n < 100_000; n++)
        {
            // Magnitudes from 1e-12 to 700, both signs.
            yield return (n % 2 == 0 ? 1 : -1) * Math.Pow(10, random.NextDouble() * 14.845 - 12);
        }
        foreach (double edge in new[] { 0.0, 1.0 / 32, -1.0 / 32, Math.BitDecrement(1.0 / 32), Math.BitIncrement(-1.0 / 32), 1e-300, 5e-324, 709, -745, -1e6, 1e6 })
        {
            yield return edge;
        }
    }

    private static void Compare(Func<Vector256<double>, Vector256<double>> vector, Func<double, double> scalar, double relative)
    {
        var xs = Arguments().ToArray();
        for (int i = 0; i + 4 <= xs.Length; i += 4)
        {
            var result = vector(Vector256.Create(xs[i], xs[i + 1], xs[i + 2], xs[i + 3]));
            for (int lane = 0; lane < 4; lane++)
            {
                double expected = scalar(xs[i + lane]), actual = result[lane];
                if (expected == actual)
                {
                    continue;
                }
                double error = Math.Abs(actual - expected) / Math.Abs(expected);
                error.Should().BeLessThan(relative, $"at {xs[i + lane]:R}: {actual:R} against {expected:R}");
            }
        }
    }

    [Fact]
    public void Logistic_ManyArguments_EqualsTheScalarFormWithinAFewUnitsInTheLastPlace()
    {
        // 1e-15: a few units in the last place (2.2e-16 each); the tails (1 - 1e-300, 1e-300) included.
        Compare(VectorMath.Logistic, LogSpace.Logistic, 1e-15);
    }

    [Fact]
    public void ExpMinusOne_ManyArguments_EqualsTheScalarFormToTheBatchTolerance()
    {
        // Below 1/32 a series to x^9/9!, above it e^x - 1, which loses at most 5 bits: 1e-14 relative, the batch predictions'
        // tolerance being 1e-12.
        // Above 700 the scalar form's compensation (e^x - 1) x / ln e^x overflows; there e^x - 1 is e^x.
        Compare(VectorMath.ExpMinusOne, x => x > 700 ? Math.Exp(x) : LogSpace.ExpMinusOne(x), 1e-14);
    }
}
